"""The public timeline says what is true of each phase in each state of the process,
under a frozen clock: done, now, planned, on hold, date open, overdue, not held."""

import datetime

import pytest
import time_machine
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format

from mitplan.processes import selectors, services
from mitplan.processes.models import Process

from .factories import PhaseFactory, ProcessFactory

pytestmark = pytest.mark.django_db

KICKOFF = "Auftakt"
ONLINE = "Online"
DRAFTING = "Erarbeitung"
COUNCIL = "Ratsbeschluss"
LATER = "Fortschreibung"


def at(*day):
    return time_machine.travel(datetime.datetime(*day, 12, 0), tick=False)


def process_with_phases(status=Process.Status.PLANNED) -> Process:
    process = ProcessFactory(status=status)
    for order, (title, starts_on, ends_on) in enumerate(
        [
            (KICKOFF, (2020, 1, 10), (2020, 1, 10)),
            (ONLINE, (2020, 1, 10), None),
            (DRAFTING, (2020, 2, 1), (2020, 6, 30)),
            (COUNCIL, (2020, 9, 1), (2020, 9, 30)),
            (LATER, (2021, 3, 1), (2021, 3, 31)),
        ]
    ):
        PhaseFactory(
            process=process,
            title_de=title,
            sort_order=order,
            starts_on=datetime.date(*starts_on),
            ends_on=datetime.date(*ends_on) if ends_on else None,
        )
    return process


def progress(process, *day) -> dict[str, str]:
    process = Process.objects.prefetch_related("phases", "status_changes").get(
        pk=process.pk
    )
    with translation.override("de"):
        timeline = selectors.process_timeline(process, today=datetime.date(*day))
    return {e.title: e.progress for e in timeline if e.kind == "phase"}


def started(process, *day):
    with at(*day):
        services.process_start(process=process)


def paused(process, *day):
    with at(*day):
        services.process_pause(process=process, notice={"de": "Pandemie"})


def resumed(process, *day):
    with at(*day):
        services.process_resume(process=process, shift_phases=False)


def test_before_the_start_every_phase_is_planned():
    process = process_with_phases()
    assert set(progress(process, 2019, 12, 1).values()) == {"planned"}


def test_a_planned_process_whose_dates_passed_has_overdue_phases():
    process = process_with_phases()
    assert progress(process, 2020, 3, 1) == {
        KICKOFF: "overdue",
        ONLINE: "overdue",
        DRAFTING: "overdue",
        COUNCIL: "planned",
        LATER: "planned",
    }


def test_a_running_process_has_done_current_and_planned_phases():
    process = process_with_phases()
    started(process, 2020, 1, 10)
    assert progress(process, 2020, 3, 1) == {
        KICKOFF: "done",
        ONLINE: "now",
        DRAFTING: "now",
        COUNCIL: "planned",
        LATER: "planned",
    }


def test_while_paused_no_phase_that_has_not_started_is_called_paused():
    process = process_with_phases()
    started(process, 2020, 1, 10)
    paused(process, 2020, 3, 16)
    assert progress(process, 2020, 10, 15) == {
        KICKOFF: "done",
        ONLINE: "now",  # open-ended online participation goes on
        DRAFTING: "on_hold",  # was running when the pause began
        COUNCIL: "overdue",  # its dates passed during the pause
        LATER: "date_open",  # not started: its date moves with the pause
    }


def test_after_resuming_a_phase_whose_end_passed_in_the_pause_is_not_done():
    process = process_with_phases()
    started(process, 2020, 1, 10)
    paused(process, 2020, 3, 16)
    resumed(process, 2020, 11, 1)
    assert progress(process, 2020, 11, 15) == {
        KICKOFF: "done",
        ONLINE: "now",
        DRAFTING: "overdue",
        COUNCIL: "overdue",
        LATER: "planned",
    }


def test_a_completed_process_names_the_phases_that_did_not_take_place():
    process = process_with_phases()
    started(process, 2020, 1, 10)
    with at(2020, 8, 1):
        services.process_complete(process=process)
    assert progress(process, 2021, 6, 1) == {
        KICKOFF: "done",
        ONLINE: "done",
        DRAFTING: "done",
        COUNCIL: "not_held",
        LATER: "not_held",
    }


def render_timeline(process, language, *day):
    process = Process.objects.prefetch_related("phases", "status_changes").get(
        pk=process.pk
    )
    with translation.override(language):
        timeline = selectors.process_timeline(process, today=datetime.date(*day))
        return render_to_string(
            "processes/includes/timeline.html",
            {"timeline": timeline, "CURRENT_LANGUAGE": language},
        )


def test_a_one_day_phase_shows_one_date():
    process = process_with_phases()
    started(process, 2020, 1, 10)
    html = render_timeline(process, "de", 2020, 3, 1)
    assert "10. Januar 2020 – 10. Januar 2020" not in html
    assert "10. Januar 2020" in html
    assert "1. Februar 2020 – 30. Juni 2020" in html


def test_the_wording_of_each_state_reaches_the_page():
    process = process_with_phases()
    started(process, 2020, 1, 10)
    paused(process, 2020, 3, 16)
    html = render_timeline(process, "en", 2020, 10, 15)
    assert "(on hold)" in html
    assert "(overdue — new date to follow)" in html
    assert "(date open)" in html
    assert "(done)" in html
    assert "(now)" in html


def test_the_demo_council_decision_is_not_called_paused_or_done(client):
    with at(2026, 11, 26):
        html = client.get("/en/lip/").content.decode()
    council = html.split("Council decision", 1)[1].split("</h3>", 1)[0]
    assert "overdue — new date to follow" in council
    with translation.override("en"):
        kickoff = date_format(datetime.date(2020, 1, 18), "DATE_FORMAT", use_l10n=True)
    assert f"{kickoff} – {kickoff}" not in html
    assert kickoff in html
