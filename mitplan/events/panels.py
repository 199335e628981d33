"""The panel events add to a process portal: the next events, and the way to all."""

from django.utils import timezone

from mitplan.processes.portal import portal_page

from . import rules, selectors
from .models import EventIndexPage


def upcoming_panel(process) -> dict:
    portal = portal_page(process)
    index = (
        EventIndexPage.objects.child_of(portal).live().public().first()
        if portal is not None
        else None
    )
    events = selectors.upcoming_events(process) if index is not None else []
    now = timezone.now()
    return {
        "events": events,
        "index": index,
        "postponed": process.is_paused and bool(events),
        "is_postponed": [rules.is_postponed(e, process, now=now) for e in events],
    }
