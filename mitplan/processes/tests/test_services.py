import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from mitplan.processes import services
from mitplan.processes.models import Process

from .factories import PhaseFactory, ProcessFactory

pytestmark = pytest.mark.django_db


def paused_process_on(day):
    with time_machine.travel(datetime.datetime(*day, 12, 0), tick=False):
        process = ProcessFactory(status=Process.Status.ACTIVE)
        services.process_pause(
            process=process, notice={"de": "Pandemie", "en": "Pandemic"}
        )
    process.refresh_from_db()
    return process


def test_pause_requires_a_german_public_reason():
    process = ProcessFactory()
    with pytest.raises(ValidationError):
        services.process_pause(process=process, notice={"de": "  ", "en": "Pandemic"})
    process.refresh_from_db()
    assert process.status == Process.Status.ACTIVE
    assert not process.status_changes.exists()


def test_pause_records_the_notice_in_every_language_given():
    process = paused_process_on((2020, 3, 16))
    assert process.status == Process.Status.PAUSED
    change = process.status_changes.get()
    assert change.status == Process.Status.PAUSED
    assert (change.notice_de, change.notice_en) == ("Pandemie", "Pandemic")
    assert (process.status_notice_de, process.status_notice_en) == (
        "Pandemie",
        "Pandemic",
    )
    assert process.status_notice_ar in ("", None)


def test_only_an_active_process_can_be_paused():
    process = ProcessFactory(status=Process.Status.COMPLETED)
    with pytest.raises(ValidationError) as error:
        services.process_pause(process=process, notice={"de": "Grund"})
    assert error.value.code == "invalid_transition"


def test_resume_moves_remaining_phases_by_the_length_of_the_pause():
    process = paused_process_on((2020, 3, 16))
    done = PhaseFactory(
        process=process,
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2020, 2, 1),
    )
    running = PhaseFactory(
        process=process,
        starts_on=datetime.date(2020, 3, 1),
        ends_on=datetime.date(2020, 6, 30),
    )
    later = PhaseFactory(
        process=process,
        starts_on=datetime.date(2021, 4, 1),
        ends_on=datetime.date(2021, 4, 30),
    )
    open_ended = PhaseFactory(
        process=process, starts_on=datetime.date(2020, 1, 18), ends_on=None
    )

    with time_machine.travel(datetime.datetime(2020, 9, 1, 12, 0), tick=False):
        change = services.process_resume(process=process, shift_phases=True)

    days = (datetime.date(2020, 9, 1) - datetime.date(2020, 3, 16)).days
    assert change.shifted_phases_by_days == days == 169
    for phase in (done, running, later, open_ended):
        phase.refresh_from_db()
    assert (done.starts_on, done.ends_on) == (
        datetime.date(2020, 1, 1),
        datetime.date(2020, 2, 1),
    )
    # A phase running when the pause began keeps its start and ends later.
    assert running.starts_on == datetime.date(2020, 3, 1)
    assert running.ends_on == datetime.date(2020, 6, 30) + datetime.timedelta(days=days)
    assert later.starts_on == datetime.date(2021, 4, 1) + datetime.timedelta(days=days)
    assert later.ends_on == datetime.date(2021, 4, 30) + datetime.timedelta(days=days)
    assert (open_ended.starts_on, open_ended.ends_on) == (
        datetime.date(2020, 1, 18),
        None,
    )
    process.refresh_from_db()
    assert process.status == Process.Status.ACTIVE
    assert process.status_notice == ""


def test_resume_without_shift_keeps_the_dates():
    process = paused_process_on((2020, 3, 16))
    phase = PhaseFactory(
        process=process,
        starts_on=datetime.date(2021, 4, 1),
        ends_on=datetime.date(2021, 4, 30),
    )
    with time_machine.travel(datetime.datetime(2020, 9, 1, 12, 0), tick=False):
        change = services.process_resume(process=process, shift_phases=False)
    phase.refresh_from_db()
    assert phase.starts_on == datetime.date(2021, 4, 1)
    assert change.shifted_phases_by_days is None


def test_preview_of_the_shift_matches_what_resume_does():
    process = paused_process_on((2020, 3, 16))
    phase = PhaseFactory(
        process=process,
        starts_on=datetime.date(2020, 5, 1),
        ends_on=datetime.date(2020, 5, 31),
    )
    with time_machine.travel(datetime.datetime(2020, 4, 15, 12, 0), tick=False):
        days = services.pause_length_days(process)
        [preview] = services.phases_to_shift(process, days=days)
        services.process_resume(process=process, shift_phases=True)
    phase.refresh_from_db()
    assert (preview.starts_on, preview.ends_on) == (phase.starts_on, phase.ends_on)


def test_a_process_that_is_not_paused_cannot_be_resumed():
    process = ProcessFactory(status=Process.Status.ACTIVE)
    with pytest.raises(ValidationError):
        services.process_resume(process=process, shift_phases=True)


def test_start_and_complete_leave_timeline_entries():
    process = ProcessFactory(status=Process.Status.PLANNED)
    services.process_start(process=process)
    services.process_complete(
        process=process, notice={"de": "Der Rat hat den Plan beschlossen."}
    )
    assert list(process.status_changes.values_list("status", flat=True)) == [
        "active",
        "completed",
    ]
    with pytest.raises(ValidationError):
        services.process_start(process=process)
