import datetime

import pytest
from django.utils import translation

from mitplan.processes import selectors

pytestmark = pytest.mark.django_db


def test_timeline_lists_phases_and_the_pause_in_date_order(process):
    with translation.override("de"):
        timeline = selectors.process_timeline(process, today=datetime.date(2020, 6, 1))
    kinds = [entry.kind for entry in timeline]
    assert kinds.count("phase") == 4
    assert "paused" in kinds
    dates = [entry.starts_on for entry in timeline]
    assert dates == sorted(dates)
    pause = next(entry for entry in timeline if entry.kind == "paused")
    assert pause.starts_on == datetime.date(2020, 3, 16)
    assert "Corona" in pause.text


def test_untranslated_text_is_marked_as_german(process):
    kickoff = process.phases.order_by("sort_order").first()
    kickoff.description_ar = ""
    kickoff.save()
    process = type(process).objects.prefetch_related("phases").get(pk=process.pk)
    with translation.override("ar"):
        timeline = selectors.process_timeline(process)
    phase = next(entry for entry in timeline if entry.kind == "phase")
    assert phase.text_language == "de"
    with translation.override("en"):
        timeline = selectors.process_timeline(process)
    phase = next(entry for entry in timeline if entry.kind == "phase")
    assert phase.text_language == "en"
    assert phase.title == "Kickoff event"


def test_while_paused_no_unfinished_phase_counts_as_done(process):
    with translation.override("de"):
        timeline = selectors.process_timeline(
            process, today=datetime.date(2026, 11, 26)
        )
    states = {entry.title: entry.state for entry in timeline if entry.kind == "phase"}
    assert states == {
        "Auftaktveranstaltung": "past",
        "Online-Beteiligung": "current",
        "Erarbeitung in den Fachgruppen": "on_hold",
        "Ratsbeschluss": "on_hold",
    }


def test_phase_states_on_a_given_day(process):
    states = {
        phase.title_de: phase.state_on(datetime.date(2020, 6, 1))
        for phase in process.phases.all()
    }
    assert states == {
        "Auftaktveranstaltung": "past",
        "Online-Beteiligung": "current",
        "Erarbeitung in den Fachgruppen": "current",
        "Ratsbeschluss": "upcoming",
    }
