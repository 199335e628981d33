"""The admin dashboard shows the waiting work; the contribution list keeps its
header short; the project's reports are called abuse reports. Staff use English."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from mitplan.contributions.models import Contribution
from mitplan.moderation.models import Report
from mitplan.processes.models import ExpertGroupMember, FieldOfAction, Process
from mitplan.processes.roles import EXPERT_GROUPS, PROCESS_OWNERS

from .factories import ContributionFactory
from .staff import staff_in_english

pytestmark = pytest.mark.django_db


def links(html):
    return re.findall(r'href="([^"]+)"', html)


def test_moderators_see_what_waits_for_moderation_with_links(client):
    staff_in_english(client, "amt", PROCESS_OWNERS)
    Contribution.objects.filter(moderation_state="pending").delete()
    Report.objects.filter(resolved_at=None).update(resolved_at=timezone.now())
    ContributionFactory.create_batch(2, moderation_state="pending", published_at=None)
    reported = ContributionFactory()
    Report.objects.create(contribution=reported, reason="spam")
    Report.objects.create(
        contribution=reported, reason="insult", resolved_at=timezone.now()
    )
    html = client.get("/admin/").content.decode()
    assert "2 contributions waiting for moderation" in html
    assert "1 open abuse report" in html
    pending_url = "/admin/participation/contributions/?moderation_state=pending"
    reports_url = "/admin/participation/reports/?status=open"
    assert pending_url in links(html) and reports_url in links(html)
    listing = client.get(pending_url).content.decode()
    assert reported.title not in listing
    listed = client.get(reports_url).context["object_list"]
    assert [report.reason for report in listed] == ["spam"]


def test_experts_see_their_groups_contributions_waiting_for_a_statement(client):
    user = staff_in_english(client, "expertin", EXPERT_GROUPS)
    bildung = FieldOfAction.objects.get(slug="bildung")
    ExpertGroupMember.objects.create(
        group=bildung.expert_group, name="Expertin", user=user
    )
    Contribution.objects.filter(processing_state="with_expert_group").update(
        processing_state="answered"
    )
    waiting = ContributionFactory(
        field_of_action=bildung,
        expert_group=bildung.expert_group,
        processing_state="with_expert_group",
    )
    other = FieldOfAction.objects.get(slug="wirtschaft")
    ContributionFactory(
        field_of_action=other,
        expert_group=other.expert_group,
        processing_state="with_expert_group",
    )
    html = client.get("/admin/").content.decode()
    assert "1 contribution of your expert group waiting for a statement" in " ".join(
        html.split()
    )
    assert "waiting for moderation" not in html and "abuse report" not in html
    url = next(link for link in links(html) if "processing_state=" in link)
    listing = client.get(url.replace("&amp;", "&")).content.decode()
    assert waiting.title in listing


def test_staff_without_waiting_work_roles_see_no_panel(client):
    staff_in_english(client, "expertin", EXPERT_GROUPS)  # in no group yet
    assert "Waiting for you" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("processes", [1, 2])
def test_the_list_header_offers_short_labels_for_every_process_action(
    client, processes
):
    staff_in_english(client, "amt", PROCESS_OWNERS)
    if processes == 2:
        Process.objects.create(title="LIP 3.0", slug="lip-3")
    html = client.get("/admin/participation/contributions/").content.decode()
    for process in Process.objects.all():
        for url in (
            f"/admin/participation/contributions/offline/{process.pk}/",
            f"/admin/participation/contributions/statistics/{process.pk}/",
            f"/admin/participation/contributions/export/{process.pk}.csv",
            f"/admin/participation/contributions/export/{process.pk}.xlsx",
        ):
            assert url in links(html)
    for label in ("Enter offline input", "Statistics", "Export CSV", "Export XLSX"):
        assert label in html
    assert ("Enter offline input: LIP 3.0" in html) is (processes == 2)


def test_the_projects_reports_are_called_abuse_reports(client):
    staff_in_english(client, "amt", PROCESS_OWNERS)
    html = client.get("/admin/").content.decode()
    assert "Abuse reports" in html
    with translation.override("en"):
        assert str(Report._meta.verbose_name_plural) == "abuse reports"


def test_the_list_names_languages_and_offers_no_add_button(client):
    admin = get_user_model().objects.create_superuser(
        username="root", email="root@example.org", password="x" * 12
    )
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin)
    ContributionFactory(language="ar", title="Auf Arabisch")
    html = client.get("/admin/participation/contributions/").content.decode()
    assert "Arabic" in html
    add_url = reverse("contributions:add")
    assert add_url not in links(html)
    response = client.get(add_url)
    assert response.status_code == 302
    assert response["Location"] == "/admin/participation/contributions/"


def test_a_report_is_closed_from_its_own_page_which_shows_what_was_reported(client):
    user = staff_in_english(client, "amt2", PROCESS_OWNERS)
    reported = ContributionFactory(title="Ein gemeldeter Titel")
    report = Report.objects.create(
        contribution=reported, reason="spam", explanation="Werbung für einen Shop"
    )
    url = f"/admin/participation/reports/edit/{report.pk}/"
    page = client.get(url).content.decode()
    assert "Ein gemeldeter Titel" in page and "Werbung für einen Shop" in page
    response = client.post(url, {"resolution": "Beitrag geprüft, keine Werbung."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.resolved_at is not None and report.resolved_by == user
    assert report.resolution == "Beitrag geprüft, keine Werbung."


def test_a_comments_report_shows_it_in_full_needs_a_measure_and_keeps_who_closed_it(
    client,
):
    from mitplan.comments.models import Comment

    user = staff_in_english(client, "amt3", PROCESS_OWNERS)
    contribution = ContributionFactory(title="Unter diesem Beitrag")
    text = "Ein langer Kommentar, " * 8 + "der am Ende etwas Beleidigendes sagt."
    comment = Comment.objects.create(
        contribution=contribution, text=text, language="de"
    )
    report = Report.objects.create(comment=comment, reason="offensive")
    url = f"/admin/participation/reports/edit/{report.pk}/"
    page = client.get(url).content.decode()
    assert text in page and ">None<" not in page
    assert f"/admin/participation/contributions/{contribution.pk}/moderate/" in page
    # Saving without a measure closes nothing.
    assert client.post(url, {"resolution": ""}).status_code == 200
    report.refresh_from_db()
    assert report.resolved_at is None
    client.post(url, {"resolution": "Kommentar ausgeblendet."})
    report.refresh_from_db()
    closed_at = report.resolved_at
    assert closed_at and report.resolved_by == user
    assert "Closed by amt3" in client.get(url).content.decode()
    # Correcting the measure later keeps who closed it and when.
    other = staff_in_english(client, "amt4", PROCESS_OWNERS)
    client.post(url, {"resolution": "Kommentar ausgeblendet, Person verwarnt."})
    report.refresh_from_db()
    assert report.resolved_at == closed_at and report.resolved_by == user != other


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("uk", "ltr")])
def test_staff_work_in_any_of_the_sites_languages(client, language, direction):
    from .staff import staff_login

    staff_login(client, f"amt-{language}", PROCESS_OWNERS, language=language)
    html = client.get("/admin/").content.decode()
    assert f'<html lang="{language}" dir="{direction}"' in html
    with translation.override(language):
        assert translation.gettext("Waiting for you") in html
    languages = client.get("/admin/account/").content.decode()
    assert 'value="fa"' in languages and 'value="ar"' in languages
