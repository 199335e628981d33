"""The README's list of cookies is the list of cookies account pages set."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db


def _privacy_section() -> str:
    readme = (settings.BASE_DIR / "README.md").read_text()
    return readme.split("## Privacy and safety", 1)[1].split("\n## ", 1)[0]


def test_every_cookie_an_account_journey_sets_is_in_the_readme():
    user = get_user_model().objects.create_user(
        username="erika",
        email="erika.beispiel@example.org",
        password="ein-langes-passwort",
    )
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    client = Client(headers={"Origin": "http://testserver"})
    seen = set()
    for response in (
        client.get("/de/konto/login/"),
        client.post(
            "/de/konto/login/",
            {"login": user.email, "password": "ein-langes-passwort"},
        ),
        client.get("/de/konto/meine-beitraege/"),
        client.post("/de/konto/logout/"),
    ):
        seen |= set(response.cookies)
    assert {"csrftoken", "sessionid", "messages"} <= seen
    documented = set(re.findall(r"`([\w-]+)`", _privacy_section()))
    assert seen <= documented, f"not in the README: {sorted(seen - documented)}"
