"""One spelling per mailbox (no database)."""

import pytest
from django.core.exceptions import ValidationError

from mitplan.core.addresses import UnusableAddress, canonical_email
from mitplan.core.forms import EmailAddressField


@pytest.mark.parametrize(
    "spelling",
    [
        "mail@example.org",
        " MAIL@Example.ORG ",
        "ｍａｉｌ＠ｅｘａｍｐｌｅ．ｏｒｇ",  # full width
        "mail@example。org",  # ideographic full stop
        "mail@example.org.",  # trailing root dot
    ],
)
def test_spellings_of_one_mailbox_are_one_string(spelling):
    assert canonical_email(spelling) == "mail@example.org"


def test_a_domain_reads_as_its_owner_writes_it_whatever_the_spelling():
    # Shown back to the person as they know it, never as xn--.
    assert canonical_email("Ada@Bücher.de") == "ada@bücher.de"
    assert canonical_email("ada@xn--bcher-kva.de") == "ada@bücher.de"


@pytest.mark.parametrize(
    "address",
    [
        "",
        "no-at-sign",
        "@example.org",
        "a@",
        "x" * 65 + "@example.org",
        "a@[127.0.0.1]",
    ],
)
def test_what_no_mail_server_takes_is_refused(address):
    with pytest.raises(UnusableAddress):
        canonical_email(address)


def test_the_form_field_gives_the_canonical_spelling_and_refuses_literals():
    field = EmailAddressField()
    assert field.clean("ＡＤＡ＠ｅｘａｍｐｌｅ．ｏｒｇ") == "ada@example.org"
    for address in ("a@[127.0.0.1]", "x" * 65 + "@example.org", "a\u200b@example.org"):
        with pytest.raises(ValidationError):
            field.clean(address)
