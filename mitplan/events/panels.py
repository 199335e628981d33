"""The panel events add to a process portal: the next events, and the way to all.

Rendered once per process and language and kept in the shared cache (one cache read
per portal view, no query) until an event page or events index is saved, published,
unpublished, moved or deleted (`connect_forgetting`), the process is paused or goes
on (part of the key), or the first event shown has ended (the entry's lifetime)."""

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from mitplan.core.caching import forget_now_and_after_commit
from mitplan.processes.portal import portal_page

from . import rules, selectors
from .models import EventIndexPage, EventPage

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


def _key(process_id: int, paused: bool, language: str) -> str:
    return f"events:panel:v1:{language}:{process_id}:{int(paused)}"


def upcoming_panel(process) -> dict:
    key = _key(process.pk, process.is_paused, get_language())
    html = cache.get(key)
    if html is None:
        now = timezone.now()
        data = upcoming_data(process, now=now)
        html = render_to_string(TEMPLATE, {"data": data})
        # Kept until the first event shown has ended: then the list moves on.
        ends = [event.ends_at for event in data["events"]]
        seconds = CACHE_SECONDS
        if ends:
            seconds = max(1, min(seconds, int((min(ends) - now).total_seconds()) + 1))
        cache.set(key, html, seconds)
    return {"html": html}


def panels_changed(sender=None, **kwargs) -> None:
    """Forget the panel of every process in every language."""
    from mitplan.processes.models import Process

    def forget():
        cache.delete_many(
            [
                _key(pk, paused, code)
                for pk in Process.objects.values_list("pk", flat=True)
                for paused in (False, True)
                for code, _name in settings.LANGUAGES
            ]
        )

    forget_now_and_after_commit(forget)


def connect_forgetting() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished

    for model in (EventPage, EventIndexPage):
        for signal in (post_save, post_delete, page_published, page_unpublished):
            signal.connect(
                panels_changed,
                sender=model,
                dispatch_uid=f"events.panel.{model.__name__}.{id(signal)}",
            )
