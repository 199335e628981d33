"""A resident downloads what is kept about them, and deletes the account: what was
public stays without a name, the rest goes, counters follow."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from mitplan.comments.models import Comment
from mitplan.contributions import services as contribution_services
from mitplan.contributions.following import topic
from mitplan.contributions.models import Contribution
from mitplan.contributions.tests.factories import ContributionFactory
from mitplan.notifications.models import Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(client):
    user = get_user_model().objects.create_user(
        username="ada", email="ada@example.org", password="ein-langes-passwort"
    )
    EmailAddress.objects.create(
        user=user, email="ada@example.org", verified=True, primary=True
    )
    client.force_login(user)
    return user


@pytest.fixture
def traces(resident):
    published = ContributionFactory(author=resident, pseudonym="Ada", title="Offen")
    pending = ContributionFactory(
        author=resident, title="Wartet", moderation_state="pending", published_at=None
    )
    other = ContributionFactory(title="Von anderen")
    contribution_services.support_add(contribution=other, user=resident)
    comment = Comment.objects.create(
        contribution=other,
        text="Mein Kommentar",
        language="de",
        author=resident,
        pseudonym="Ada",
    )
    Subscription.objects.create(topic=topic(other), email="ada@example.org")
    Subscription.objects.create(topic=topic(other), email="jemand@example.org")
    return {
        "published": published,
        "pending": pending,
        "other": other,
        "comment": comment,
    }


def test_the_download_holds_everything_about_them_and_nothing_else(client, traces):
    response = client.get("/de/konto/meine-daten/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email_addresses"] == ["ada@example.org"]
    assert {c["title"] for c in data["contributions"]} == {"Offen", "Wartet"}
    assert [c["text"] for c in data["comments"]] == ["Mein Kommentar"]
    assert [s["contribution"] for s in data["supports"]] == [traces["other"].pk]
    assert [s["email"] for s in data["email_subscriptions"]] == ["ada@example.org"]
    assert "jemand@example.org" not in response.content.decode()


def test_deleting_keeps_what_was_public_without_a_name(client, resident, traces):
    assert client.get("/de/konto/loeschen/").status_code == 200
    response = client.post(
        "/de/konto/loeschen/", {"password": "ein-langes-passwort", "confirm": "on"}
    )
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=resident.pk).exists()
    published = Contribution.objects.get(pk=traces["published"].pk)
    assert published.author is None and published.pseudonym == ""
    assert not Contribution.objects.filter(pk=traces["pending"].pk).exists()
    comment = Comment.objects.get(pk=traces["comment"].pk)
    assert comment.author is None and comment.pseudonym == ""
    other = Contribution.objects.get(pk=traces["other"].pk)
    assert other.support_count == 0 and not other.supports.exists()
    assert list(Subscription.objects.values_list("email", flat=True)) == [
        "jemand@example.org"
    ]
    # Signed out: the session is gone with the account.
    assert client.get("/de/konto/meine-daten/").status_code == 302


def test_a_wrong_password_deletes_nothing(client, resident, traces):
    response = client.post(
        "/en/konto/loeschen/", {"password": "falsch", "confirm": "on"}
    )
    assert response.status_code == 400
    assert "This is not your password." in response.content.decode()
    assert get_user_model().objects.filter(pk=resident.pk).exists()
    assert Contribution.objects.filter(pk=traces["pending"].pk).exists()


def test_staff_accounts_are_not_deleted_here(client):
    staff = get_user_model().objects.create_user(
        username="amt", password="ein-langes-passwort", is_staff=True
    )
    client.force_login(staff)
    response = client.post(
        "/de/konto/loeschen/", {"password": "ein-langes-passwort", "confirm": "on"}
    )
    assert response.status_code == 403
    assert get_user_model().objects.filter(pk=staff.pk).exists()


def test_retention_deletes_what_never_became_active(db):
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    long_ago = timezone.now() - timedelta(days=30)
    contribution = ContributionFactory()
    stale = Subscription.objects.create(
        topic=topic(contribution), email="alt@example.org", created_at=long_ago
    )
    fresh = Subscription.objects.create(
        topic=topic(contribution), email="neu@example.org"
    )
    kept = Subscription.objects.create(
        topic=topic(contribution),
        email="bestaetigt@example.org",
        created_at=long_ago,
        confirmed_at=long_ago,
    )
    User = get_user_model()
    never = User.objects.create_user(username="nie", email="nie@example.org")
    User.objects.filter(pk=never.pk).update(date_joined=long_ago)
    EmailAddress.objects.create(user=never, email="nie@example.org", verified=False)
    active = User.objects.create_user(username="aktiv", email="aktiv@example.org")
    User.objects.filter(pk=active.pk).update(date_joined=long_ago)
    EmailAddress.objects.create(user=active, email="aktiv@example.org", verified=True)
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert (
        "Deleted 1 never-confirmed account(s), 0 survey response(s) unlinked from "
        "device, account or code, 0 unsent survey draft(s), 0 event registration(s) "
        "and 1 unconfirmed "
        "subscription(s)." in (out.getvalue())
    )
    remaining = set(Subscription.objects.values_list("pk", flat=True))
    assert stale.pk not in remaining and {fresh.pk, kept.pk} <= remaining
    assert not User.objects.filter(pk=never.pk).exists()
    assert User.objects.filter(pk=active.pk).exists()
