import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from mitplan.accounts import services

pytestmark = pytest.mark.django_db


def test_admin_is_created_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(services, "PASSWORD_DIR", tmp_path)
    user, password = services.admin_ensure()
    assert user.is_superuser and password
    # Both names, as Wagtail's account settings require them to save anything.
    assert user.first_name and user.last_name
    assert services.password_file().read_text() == password
    again, none = services.admin_ensure()
    assert again.pk == user.pk and none is None
    assert password in services.admin_login_hint()


def test_users_without_email_do_not_collide():
    User = get_user_model()
    User.objects.create_user(username="a", email="")
    User.objects.create_user(username="b", email="")
    assert User.objects.filter(email__isnull=True).count() >= 2


def test_signup_needs_a_verified_email(client):
    assert client.get("/de/konto/signup/").status_code == 200
    response = client.post(
        "/de/konto/signup/",
        {
            "email": "neu@example.org",
            "password1": "ein-sicheres-passwort-42",
            "password2": "ein-sicheres-passwort-42",
        },
    )
    assert response.status_code == 302
    [message] = [m for m in mail.outbox if "neu@example.org" in m.to]
    # The mail names the platform, not the host the request came in on.
    assert message.subject.startswith("[mitplan] ")
    assert "testserver" not in message.body.split("http")[0]
    user = get_user_model().objects.get(email="neu@example.org")
    assert not user.emailaddress_set.get().verified


def test_login_page_renders_in_the_site_layout(client):
    response = client.get("/ar/konto/login/")
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


def test_staff_sign_in_to_the_admin_with_their_e_mail_address(db):
    from django.contrib.auth import get_user_model
    from django.test import Client

    get_user_model().objects.create_user(
        username="amt",
        email="amt@example.org",
        password="ein-langes-passwort",
        is_staff=True,
        is_superuser=True,
    )
    client = Client()
    page = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "E-mail address or user name" in page
    response = client.post(
        "/admin/login/",
        {"username": "amt@example.org", "password": "ein-langes-passwort"},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_staff_sign_in_is_limited_and_failures_are_logged(settings, caplog):
    from django.test import Client

    settings.STAFF_LOGIN_FAILURES_PER_ADDRESS = "10/15m"
    settings.STAFF_LOGIN_FAILURES_PER_ACCOUNT = "5/15m"
    get_user_model().objects.create_user(
        username="amt2",
        email="amt2@example.org",
        password="ein-langes-passwort",
        is_staff=True,
        is_superuser=True,
    )
    statuses = []
    for attempt in range(8):
        # Another browser each time: the limit does not care.
        client = Client(headers={"User-Agent": f"Agent {attempt}"})
        response = client.post(
            "/admin/login/",
            {"username": "amt2@example.org", "password": f"falsch-{attempt}"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        statuses.append("Too many failed sign-ins" in response.content.decode())
    assert statuses == [False] * 5 + [True] * 3
    failures = [r for r in caplog.records if r.name == "mitplan.security"]
    assert len(failures) == 8
    assert "amt2@example.org" in failures[0].getMessage()
    # Past the limit even the right password waits.
    response = Client().post(
        "/admin/login/",
        {"username": "amt2@example.org", "password": "ein-langes-passwort"},
    )
    assert response.status_code == 200


def test_signing_up_with_a_known_address_hashes_the_password_too(client):
    from unittest import mock

    from django.contrib.auth.hashers import make_password

    get_user_model().objects.create_user(
        username="da", email="da@example.org", password="x" * 12
    )
    with mock.patch(
        "mitplan.accounts.forms.make_password", wraps=make_password
    ) as hashed:
        client.post(
            "/de/konto/signup/",
            {
                "email": "da@example.org",
                "password1": "ein-langes-passwort",
                "password2": "ein-langes-passwort",
            },
        )
    assert hashed.call_count == 1


def test_account_mails_to_one_address_are_capped_whoever_asks(settings):
    from django.test import Client

    settings.ACCOUNT_MAIL_RATE_HOUR = "3/h"
    get_user_model().objects.create_user(
        username="fremd", email="fremde@example.org", password="x" * 12
    )
    for attempt in range(12):
        Client(
            headers={"User-Agent": f"Agent {attempt}"},
            REMOTE_ADDR=f"198.51.100.{attempt}",
        ).post("/de/konto/password/reset/", {"email": "Fremde@Example.org"})
    assert len([m for m in mail.outbox if m.to == ["fremde@example.org"]]) == 3


@pytest.mark.parametrize(
    "address",
    [
        "ip@[127.0.0.1]",  # the site's mail server would connect to an inner host
        "x" * 65 + "@example.org",
        '"neu"@example.org',  # one more spelling of neu@example.org's mailbox
        "neu\u200b@example.org",
    ],
)
def test_sign_up_and_reset_take_only_deliverable_canonical_addresses(client, address):
    signup = client.post(
        "/de/konto/signup/",
        {
            "email": address,
            "password1": "ein-sicheres-passwort-42",
            "password2": "ein-sicheres-passwort-42",
        },
    )
    assert signup.status_code == 200  # the form again, with the error
    assert not get_user_model().objects.filter(email__icontains="example.org").exists()
    reset = client.post("/de/konto/password/reset/", {"email": address})
    assert reset.status_code == 200
    assert not mail.outbox


def test_an_address_signs_up_in_its_canonical_spelling(client):
    client.post(
        "/de/konto/signup/",
        {
            "email": "Neu@BÜCHER.example",
            "password1": "ein-sicheres-passwort-42",
            "password2": "ein-sicheres-passwort-42",
        },
    )
    assert get_user_model().objects.filter(email="neu@bücher.example").exists()


def test_the_sign_up_error_summary_names_the_field_to_correct(client):
    html = client.post(
        "/de/konto/signup/",
        {"email": "kein-at", "password1": "x", "password2": "y"},
    ).content.decode()
    summary = html.split('id="form-errors"', 1)[1].split("</div>\n</div>", 1)[0]
    assert 'href="#id_email"' in summary
    assert "Bitte gültige E-Mail-Adresse eingeben." in summary
