"""A signed-in resident's own contributions, in every state, with the reason when
one was not published."""

import pytest
from django.contrib.auth import get_user_model

from mitplan.contributions import services

from .factories import ContributionFactory

pytestmark = pytest.mark.django_db

MINE = "/{lang}/konto/meine-beitraege/"


@pytest.fixture
def resident(client):
    user = get_user_model().objects.create_user(
        username="bewohnerin", email="b@example.org", password="x" * 12
    )
    client.force_login(user)
    return user


def test_signed_out_readers_are_asked_to_sign_in(client):
    response = client.get(MINE.format(lang="de"))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_every_state_and_the_reason_for_a_rejection(client, resident):
    published = ContributionFactory(author=resident, title="Öffentlich")
    pending = ContributionFactory(
        author=resident, title="Wartet", moderation_state="pending", published_at=None
    )
    rejected = ContributionFactory(
        author=resident, title="Abgelehnt", moderation_state="pending"
    )
    services.contribution_reject(
        contribution=rejected, reason="Enthält eine Beleidigung.", actor=None
    )
    duplicate = ContributionFactory(author=resident, title="Doppelt")
    target = ContributionFactory(title="Das Original")
    services.contribution_merge(duplicate=duplicate, target=target, actor=None)
    ContributionFactory(title="Von jemand anderem")

    html = client.get(MINE.format(lang="en")).content.decode()
    for title in ("Öffentlich", "Wartet", "Abgelehnt", "Doppelt"):
        assert title in html
    assert "Von jemand anderem" not in html
    assert "Enthält eine Beleidigung." in html
    assert "Waiting for moderation" in html
    assert f'href="/en/lip/beitraege/{published.pk}/"' in html
    assert f'href="/en/lip/beitraege/{target.pk}/"' in html  # the merged one leads on
    assert f"/beitraege/{pending.pk}/" not in html  # nothing links to a 404


def test_the_header_offers_sign_in_or_my_contributions(client):
    assert "/de/konto/login/" in client.get("/de/lip/").content.decode()
    user = get_user_model().objects.create_user(username="x", password="x" * 12)
    client.force_login(user)
    html = client.get("/de/lip/").content.decode()
    assert "/de/konto/meine-beitraege/" in html
