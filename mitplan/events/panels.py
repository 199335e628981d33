"""The panel events add to a process portal: the next events, and the way to all.

Rendered once per process and language and kept in the shared cache (one cache read
per portal view, no query) until data a page shows changes (an event, the process
paused: `core.caching.cached_until_data_changes`) or the first event shown has
ended (the entry's lifetime)."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from mitplan.core.caching import cached_until_data_changes
from mitplan.processes.portal import portal_page

from . import rules, selectors
from .models import EventIndexPage

TEMPLATE = "events/panels/upcoming.html"
CACHE_SECONDS = 3600


def upcoming_data(process, *, now=None) -> dict:
    portal = portal_page(process)
    index = (
        EventIndexPage.objects.child_of(portal).live().public().first()
        if portal is not None
        else None
    )
    events = selectors.upcoming_events(process) if index is not None else []
    now = now or timezone.now()
    return {
        "events": events,
        "index": index,
        "postponed": process.is_paused and bool(events),
        "is_postponed": [rules.is_postponed(e, process, now=now) for e in events],
    }


def upcoming_panel(process) -> dict:
    now = timezone.now()

    def render():
        data = upcoming_data(process, now=now)
        ends = [event.ends_at for event in data["events"]]
        return render_to_string(TEMPLATE, {"data": data}), min(ends, default=None)

    def until_the_first_ends(value) -> int:
        # Kept until the first event shown has ended: then the list moves on.
        _html, first_end = value
        if first_end is None:
            return CACHE_SECONDS
        return max(1, min(CACHE_SECONDS, int((first_end - now).total_seconds()) + 1))

    key = f"events:panel:v2:{get_language()}:{process.pk}"
    html, _first_end = cached_until_data_changes(
        key, render, timeout=until_the_first_ends
    )
    return {"html": html}
