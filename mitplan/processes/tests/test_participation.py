"""What residents can do online, by the process's status and its running phases."""

import datetime

import pytest
from django.utils import timezone, translation

from mitplan.processes.models import Process
from mitplan.processes.participation import participation

from .factories import PhaseFactory, ProcessFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def phase(process, start, end, *features):
    return PhaseFactory(
        process=process,
        starts_on=start,
        ends_on=end,
        actions=list(features),
    )


def test_a_running_phase_opens_what_it_allows_and_nothing_else():
    process = ProcessFactory()
    phase(process, TODAY, None, "contributions", "supports")
    now = participation(process, today=TODAY)
    assert (now.contributions, now.comments, now.supports) == (True, False, True)
    assert now.closed_reason  # commenting is closed, and it says so


def test_overlapping_phases_open_together():
    process = ProcessFactory()
    phase(process, TODAY, TODAY, "comments")
    phase(process, datetime.date(2026, 1, 1), None, "contributions")
    now = participation(process, today=TODAY)
    assert (now.contributions, now.comments, now.supports) == (True, True, False)


def test_past_and_upcoming_phases_open_nothing_and_the_reason_names_the_date():
    process = ProcessFactory()
    phase(
        process, datetime.date(2026, 1, 1), datetime.date(2026, 2, 1), "contributions"
    )
    phase(process, datetime.date(2026, 9, 1), None, "contributions")
    now = participation(process, today=TODAY)
    assert not now.is_open
    assert "2026" in now.closed_reason and "1" in now.closed_reason


@pytest.mark.parametrize("status", [Process.Status.PLANNED, Process.Status.COMPLETED])
def test_a_planned_or_completed_process_allows_nothing(status):
    process = ProcessFactory(status=status)
    phase(process, datetime.date(2026, 1, 1), None, "contributions", "comments")
    now = participation(process, today=TODAY)
    assert not now.is_open and now.closed_reason


def test_while_paused_dated_phases_are_on_hold_and_open_ended_ones_go_on():
    process = ProcessFactory(
        status=Process.Status.PAUSED,
        status_changed_at=timezone.make_aware(datetime.datetime(2026, 3, 1)),
    )
    phase(process, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31), "comments")
    phase(process, datetime.date(2026, 1, 1), None, "contributions")
    with translation.override("en"):
        now = participation(process, today=TODAY)
    assert (now.contributions, now.comments) == (True, False)
    # No date is promised: the phase's dates move when the process resumes.
    assert now.closed_reason == (
        "The process is paused: this opens again when it resumes."
    )


def test_the_model_case_takes_input_online_through_its_pause(process):
    assert process.is_paused
    now = participation(process)
    assert now.contributions and now.comments and now.supports


def test_the_api_says_what_is_open(client, process):
    for phase in process.phases.all():
        phase.actions = [code for code in phase.actions if code != "comments"]
        phase.save()
    data = client.get("/api/v1/processes/lip-2").json()
    assert data["participation"]["contributions"] is True
    assert data["participation"]["comments"] is False
    assert data["participation"]["closed_reason"]
    assert {"accepts_contributions", "accepts_comments"} <= set(data["phases"][0])
    running = [p for p in data["phases"] if "contributions" in p["actions"]]
    assert running and "comments" not in running[0]["actions"]
