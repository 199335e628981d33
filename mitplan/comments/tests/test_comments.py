"""Comments hold against what a breaking helper tried: a merge or a hiding while
someone comments, replies to what nobody may answer, odd numbers for the comment
answered, and staff screens fed with junk."""

import pytest
from django.core.exceptions import ValidationError

from mitplan.comments.models import Comment
from mitplan.comments.services import comment_add, comment_hide
from mitplan.contributions.services import contribution_merge
from mitplan.contributions.tests.factories import ContributionFactory
from mitplan.contributions.tests.staff import moderate_url, staff_login
from mitplan.core.counters import recount
from mitplan.core.spam import FreshTimestampInput
from mitplan.core.submissions import new_submission_key
from mitplan.processes.roles import PROCESS_OWNERS

pytestmark = pytest.mark.django_db


def test_a_comment_on_a_contribution_merged_meanwhile_is_refused_not_lost(
    process_owner,
):
    duplicate, target = ContributionFactory(), ContributionFactory()
    seen_by_the_view = duplicate  # read before the merge, as a view would
    contribution_merge(duplicate=duplicate, target=target, actor=process_owner)
    with pytest.raises(ValidationError):
        comment_add(
            contribution=seen_by_the_view, text="Spät, aber gut.", language="de"
        )
    assert not Comment.objects.filter(contribution=duplicate).exists()
    assert recount() == []


def test_a_comment_and_its_count_change_together(process_owner):
    contribution = ContributionFactory()
    first, _saved = comment_add(contribution=contribution, text="Eins.", language="de")
    comment_add(contribution=contribution, text="Zwei.", language="de", parent=first)
    comment_hide(comment=first, reason="Beleidigend", actor=process_owner)
    contribution.refresh_from_db()
    assert contribution.comment_count == 1
    assert recount() == []


def test_a_hidden_comment_takes_no_replies_not_even_through_its_replies(
    client, process_owner
):
    contribution = ContributionFactory()
    hidden, _saved = comment_add(contribution=contribution, text="Eins.", language="de")
    reply, _saved = comment_add(
        contribution=contribution, text="Zwei.", language="de", parent=hidden
    )
    comment_hide(comment=hidden, reason="Beleidigend", actor=process_owner)
    for parent in (hidden, reply):
        with pytest.raises(ValidationError):
            comment_add(
                contribution=contribution, text="Drei.", language="de", parent=parent
            )
    response = client.post(
        f"/de/lip/beitraege/{contribution.pk}/kommentieren/",
        {
            "text": "Antwort auf Ausgeblendetes",
            "parent": str(hidden.pk),
            "started": FreshTimestampInput().format_value(None),
            "submission": new_submission_key(),
        },
    )
    assert response.status_code == 400
    assert "Antwort auf Ausgeblendetes" in response.content.decode()
    assert not Comment.objects.filter(text="Antwort auf Ausgeblendetes").exists()


@pytest.mark.parametrize("written", ["٣", "3_3", "33.0", "+3", " 3", "03", "1e3"])
def test_the_comment_answered_is_named_in_plain_digits_only(client, written):
    contribution = ContributionFactory()
    comment_add(contribution=contribution, text="Eins.", language="de")
    response = client.post(
        f"/en/lip/beitraege/{contribution.pk}/kommentieren/",
        {
            "text": "Eine Antwort",
            "parent": written,
            "started": FreshTimestampInput().format_value(None),
            "submission": new_submission_key(),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The comment you answer does not exist (any more)." in html
    assert "Eine Antwort" in html  # what was typed is still there
    assert not Comment.objects.filter(text="Eine Antwort").exists()


@pytest.mark.parametrize("junk", ["abc", "", "\x00", "-1", "٣", "9" * 30])
def test_the_staff_screen_takes_junk_ids_without_a_server_error(client, junk):
    contribution = ContributionFactory()
    staff_login(client, "amt", PROCESS_OWNERS)
    for data in (
        {"action": "hide", "comment": junk, "reason": "x"},
        {"action": "resolve", "report": junk, "resolution": "x"},
    ):
        response = client.post(moderate_url(contribution), data)
        assert response.status_code in (200, 404), (data, response.status_code)


def test_closing_a_report_checks_what_was_done_like_any_form(client):
    from mitplan.moderation.models import Report
    from mitplan.moderation.tests.factories import ReportFactory

    report = ReportFactory()
    staff_login(client, "amt", PROCESS_OWNERS)
    response = client.post(
        moderate_url(report.contribution),
        {"action": "resolve", "report": str(report.pk), "resolution": "a\x00b" * 200},
    )
    assert response.status_code == 200  # the screen again, with the form's errors
    assert Report.objects.get(pk=report.pk).resolved_at is None
