"""iCalendar files: one per event, and a feed of all events of a process. Times in
UTC (every calendar program shows them in its own zone), a UID that stays the same
across edits and languages, and never the online link (these files are public)."""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.text import Truncator
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from . import rules

PRODID = "-//mitplan//events//DE"


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "mitplan.invalid"


def event_uid(event) -> str:
    return f"event-{event.translation_key}@{_host()}"


def _location(event) -> str:
    parts = [
        event.venue_name,
        event.venue_street,
        " ".join(p for p in (event.venue_postal_code, event.venue_city) if p),
    ]
    return ", ".join(p for p in parts if p)


def _entry(event, *, url: str, process) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", event_uid(event))
    entry.add(
        "dtstamp", event.last_published_at or event.first_published_at or timezone.now()
    )
    entry.add("dtstart", event.starts_at.astimezone(UTC))
    entry.add("dtend", event.ends_at.astimezone(UTC))
    entry.add("summary", event.title)
    if event.teaser:
        entry.add("description", Truncator(event.teaser).chars(1000))
    location = _location(event)
    if location:
        entry.add("location", location)
    if url:
        entry.add("url", url)
    postponed = rules.is_postponed(event, process)
    entry.add("status", "TENTATIVE" if postponed else "CONFIRMED")
    return entry


def calendar_bytes(events, *, name: str, urls: dict, process) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(
            _entry(event, url=urls.get(event.pk, ""), process=process)
        )
    return calendar.to_ical()
