"""One client, one bucket: per-address limits key an IPv6 client by its /64 and
every spelling of an address alike, and never fail on what a header carries."""

import pytest
from django.test import RequestFactory

from mitplan.core.ratelimits import (
    Limit,
    LimitReached,
    address_subject,
    client_address,
    reserve,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _one_proxy(settings):
    settings.MITPLAN_PROXY_COUNT = 1


def request_from(address: str):
    return RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=address
    )


def passed(addresses, rate="5/h", group="test.addresses") -> int:
    """How many of these requests a per-client limit lets through."""
    count = 0
    for address in addresses:
        try:
            reserve(Limit.per_client(request_from(address), group, rate))
        except LimitReached:
            continue
        count += 1
    return count


def test_addresses_of_one_64_share_a_bucket():
    addresses = [f"2001:db8:1:2::{n}" for n in range(1, 9)]
    assert {client_address(request_from(a)) for a in addresses} == {"2001:db8:1:2::/64"}
    assert passed(addresses) == 5


def test_different_64s_do_not_share_a_bucket():
    addresses = [f"2001:db8:1:{n}::1" for n in range(1, 9)]
    assert len({client_address(request_from(a)) for a in addresses}) == 8
    assert passed(addresses) == 8


SPELLINGS = [
    "2001:db8::1",
    "2001:0db8:0:0::1",
    "2001:DB8::1",
    "2001:0DB8:0000:0000:0000:0000:0000:0001",
    "2001:db8:0:0:0:0:0:1",
    " 2001:db8::1 ",
    "2001:db8::0:1",
    "2001:db8:0::1",
]


def test_spellings_of_one_address_share_a_bucket():
    assert {client_address(request_from(s)) for s in SPELLINGS} == {"2001:db8::/64"}
    assert passed(SPELLINGS) == 5


def test_ipv4_is_unchanged():
    assert client_address(request_from("198.51.100.7")) == "198.51.100.7"
    # Neighbouring IPv4 addresses stay separate clients.
    assert passed([f"198.51.100.{n}" for n in range(1, 9)]) == 8
    assert passed(["198.51.100.20"] * 8) == 5


def test_ipv4_mapped_ipv6_counts_as_the_ipv4_address():
    assert client_address(request_from("::ffff:192.0.2.1")) == "192.0.2.1"
    assert client_address(request_from("::FFFF:c000:0201")) == "192.0.2.1"
    assert passed(["192.0.2.1", "::ffff:192.0.2.1"] * 4) == 5


@pytest.mark.parametrize(
    "garbage",
    [
        "not an address",
        "999.1.1.1",
        "2001:db8::1::2",
        "<script>",
        "unknown",
        "\x00",
        "1" * 5000,
        "fe80::1%",
    ],
)
def test_garbage_in_x_forwarded_for_is_one_bucket_and_never_an_error(garbage):
    assert client_address(request_from(garbage)) == "invalid"


def test_all_garbage_shares_one_bucket():
    assert passed(["nonsense", "more nonsense", "999.1.1.1", "x"] * 2) == 5


def test_the_client_cannot_choose_its_bucket_left_of_our_proxy():
    # Our proxy appended the rightmost entry; what the client put before it is ignored.
    one = request_from("203.0.113.9, 2001:db8:1:2::1")
    two = request_from("garbage, 2001:db8:1:2::ffff")
    assert client_address(one) == client_address(two) == "2001:db8:1:2::/64"


def test_without_proxies_remote_addr_is_normalised(settings):
    settings.MITPLAN_PROXY_COUNT = 0
    request = RequestFactory().post("/", REMOTE_ADDR="2001:DB8:1:2::abcd")
    assert client_address(request) == "2001:db8:1:2::/64"
    assert client_address(RequestFactory().post("/", REMOTE_ADDR="")) == "invalid"


def test_a_zone_index_does_not_make_a_new_bucket():
    assert address_subject("fe80::1%eth0") == address_subject("fe80::2") == "fe80::/64"
