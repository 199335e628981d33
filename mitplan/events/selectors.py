"""Reads of events for pages, the calendar files, the portal and the API. Each list
costs the same number of queries whatever its length."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Locale

from mitplan.cms.selectors import pages_in_locale

from .models import EventIndexPage, EventPage, Registration

PER_PAGE = 10


def _events():
    return EventPage.objects.live().public().order_by("starts_at", "pk")


def event_list(index: EventIndexPage, *, past: bool, number, now=None):
    """One page of the index's upcoming (soonest first) or past (latest first)
    events."""
    now = now or timezone.now()
    events = _events().child_of(index)
    if past:
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    else:
        events = events.filter(ends_at__gte=now)
    return Paginator(events, PER_PAGE).get_page(number)


def upcoming_events(process, *, limit: int = 3, now=None) -> list[EventPage]:
    """The next events of a process, in the active language's tree."""
    return list(
        _events().filter(
            process=process,
            locale=Locale.get_active(),
            ends_at__gte=now or timezone.now(),
        )[:limit]
    )


def process_events(process, *, locale=None) -> list[EventPage]:
    """Every live event of a process once, for its calendar feed: each as a reader
    of `locale` gets it (translated, else the German page), by default the source
    language's pages. Two queries."""
    events = list(_events().filter(process=process, locale=Locale.get_default()))
    if locale is None:
        return events
    return pages_in_locale(events, locale, among=_events())


def _with_seats_taken(events):
    return events.annotate(
        seats_taken=Count(
            "registrations",
            filter=Q(registrations__status=Registration.Status.CONFIRMED),
        )
    )


def events_for_api(process) -> list[EventPage]:
    """The live events of a process (the source language's pages) with their taken
    seats, in one query."""
    return list(
        _with_seats_taken(
            _events().filter(process=process, locale=Locale.get_default())
        )
    )


def event_for_api(process, slug: str) -> EventPage | None:
    return (
        _with_seats_taken(
            _events().filter(process=process, locale=Locale.get_default(), slug=slug)
        )
        .prefetch_related("results")
        .first()
    )


@dataclass(frozen=True)
class Seats:
    confirmed: int
    waiting: int
    pending: int
    cancelled: int
    capacity: int | None

    @property
    def free(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed, 0)


def event_seats(event: EventPage) -> Seats:
    """How many seats are taken, in one query."""
    status = Registration.Status
    counts = Registration.objects.filter(event=event.source_event()).aggregate(
        **{
            key: Count("pk", filter=Q(status=value))
            for key, value in (
                ("confirmed", status.CONFIRMED),
                ("waiting", status.WAITING),
                ("pending", status.PENDING),
                ("cancelled", status.CANCELLED),
            )
        }
    )
    return Seats(capacity=event.capacity, **counts)


def attendee_list(event: EventPage):
    """Who comes and who waits, for the list at the door: confirmed first (in the
    order they confirmed), then the waiting list in its order."""
    status = Registration.Status
    return Registration.objects.filter(
        event=event.source_event(), status__in=[status.CONFIRMED, status.WAITING]
    ).order_by("status", "confirmed_at", "pk")
