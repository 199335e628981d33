"""Residents' actions follow the phase: closed means a clear word, a 403, nothing
saved, and nothing lost of what was typed."""

import pytest

from mitplan.comments.models import Comment
from mitplan.contributions.forms import new_submission_key
from mitplan.contributions.models import Contribution
from mitplan.core.spam import FreshTimestampInput
from mitplan.processes.models import Phase

from .factories import ContributionFactory
from .test_views import NEW, detail, form_data

pytestmark = pytest.mark.django_db


def close(*features):
    for phase in Phase.objects.all():
        phase.actions = [code for code in phase.actions if code not in features]
        phase.save(update_fields=["actions"])


def comment_data(text):
    return {
        "text": text,
        "started": FreshTimestampInput().format_value(None),
        "submission": new_submission_key(),
    }


def test_closed_for_contributions_the_form_explains_instead_of_asking(client):
    close("contributions")
    html = client.get(NEW.format(lang="de")).content.decode()
    assert "Beiträge senden ist gerade geschlossen" in html
    assert 'name="text"' not in html
    portal = client.get("/de/lip/").content.decode()
    assert "/de/lip/beitraege/neu/" not in portal


def test_a_contribution_sent_after_closing_is_refused_and_kept_on_screen(client):
    close("contributions")
    data = form_data(text="Mein langer Text über Sprachkurse am Abend.")
    response = client.post(NEW.format(lang="en"), data)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Sending contributions is closed" in html
    assert "Mein langer Text über Sprachkurse am Abend." in html
    assert not Contribution.objects.filter(title=data["title"]).exists()


def test_a_comment_after_closing_is_refused_and_kept(client):
    contribution = ContributionFactory()
    close("comments")
    assert (
        "Kommentieren ist gerade geschlossen"
        in client.get(detail(contribution)).content.decode()
    )
    response = client.post(
        detail(contribution, "en", "kommentieren/"), comment_data("Noch ein Gedanke")
    )
    assert response.status_code == 403
    assert "Noch ein Gedanke" in response.content.decode()
    assert not Comment.objects.filter(contribution=contribution).exists()


def test_supporting_after_closing_is_refused(client):
    contribution = ContributionFactory()
    close("supports")
    response = client.post(detail(contribution, "en", "unterstuetzen/"))
    assert response.status_code == 403
    assert "Your support was not counted" in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.support_count == 0
    assert not contribution.supports.exists()


def test_a_phase_opened_again_counts_at_once(client):
    contribution = ContributionFactory()
    close("supports")
    assert client.post(detail(contribution, suffix="unterstuetzen/")).status_code == 403
    phase = Phase.objects.get(title_de="Online-Beteiligung")
    phase.actions = [*phase.actions, "supports"]
    phase.save()  # as staff do in the admin: the cached process is forgotten
    # The first press gets the supporter cookie and is sent back (307) to count.
    first = client.post(detail(contribution, suffix="unterstuetzen/"))
    assert first.status_code == 307
    assert client.post(first["Location"]).status_code == 302
    contribution.refresh_from_db()
    assert contribution.support_count == 1


def test_the_portal_says_why_sending_is_closed_where_the_button_was(client):
    close("contributions")
    html = client.get("/en/lip/").content.decode()
    assert "Sending contributions is closed at the moment" in html
    assert "/en/lip/beitraege/neu/" not in html
    close("comments", "supports", "surveys", "events")
    html = client.get("/en/lip/").content.decode()
    assert "Taking part online is closed at the moment" in html
    # No invitation to send, support and discuss above the notice that it is closed.
    assert "support and discuss what others wrote" not in html
