"""Events of a process in the open data API: when and where, accessibility, whether
one can register and how many seats are free, and the dialogue rounds' results.
Never the online link (registered people only) and no personal data (neither
registrations nor the names of table hosts). Read from events/selectors.py; the
list costs the same queries whatever its length."""

from datetime import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Path, Router, Schema

from mitplan.core.parsing import parse_slug
from mitplan.events import rules as event_rules
from mitplan.events import selectors as event_selectors
from mitplan.processes.models import Process

from .errors import NOT_FOUND


class VenueOut(Schema):
    name: str
    street: str
    postal_code: str
    city: str


class AccessibilityOut(Schema):
    step_free_access: bool
    induction_loop: bool
    sign_language: bool
    interpretation_languages: str
    childcare: bool
    notes: str


class RegistrationOut(Schema):
    required: bool
    is_open: bool
    closed_reason: str
    capacity: int | None
    free_seats: int | None
    has_waiting_list: bool


class DialogueResultOut(Schema):
    topic: str
    outcomes: list[str]


class EventOut(Schema):
    slug: str
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime
    teaser: str
    is_postponed: bool
    is_past: bool
    is_online: bool
    venue: VenueOut | None
    accessibility: AccessibilityOut
    registration: RegistrationOut
    url: str
    calendar_url: str


class EventDetailOut(EventOut):
    results: list[DialogueResultOut]


router = Router(tags=["events"])


def _process(slug: str) -> Process:
    if parse_slug(slug) is None:
        raise Http404
    return get_object_or_404(Process.objects.prefetch_related("phases"), slug=slug)


def _event_out(request, event, process) -> dict:
    reason = event_rules.registration_closed_reason(event, process)
    url = event.get_url(request) or ""
    free = (
        max(event.capacity - event.seats_taken, 0)
        if event.capacity is not None
        else None
    )
    return {
        "slug": event.slug,
        "title": event.title,
        "kind": event.kind,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "teaser": event.teaser,
        "is_postponed": event_rules.is_postponed(event, process),
        "is_past": event.is_past(),
        "is_online": event.is_online,
        "venue": {
            "name": event.venue_name,
            "street": event.venue_street,
            "postal_code": event.venue_postal_code,
            "city": event.venue_city,
        }
        if event.has_venue
        else None,
        "accessibility": {
            "step_free_access": event.has_step_free_access,
            "induction_loop": event.has_induction_loop,
            "sign_language": event.has_sign_language,
            "interpretation_languages": event.interpretation_languages,
            "childcare": event.has_childcare,
            "notes": event.accessibility_notes,
        },
        "registration": {
            "required": event.allows_registration,
            "is_open": event.allows_registration and not reason,
            "closed_reason": reason if event.allows_registration else "",
            "capacity": event.capacity if event.allows_registration else None,
            "free_seats": free if event.allows_registration else None,
            "has_waiting_list": event.allows_registration and event.has_waiting_list,
        },
        "url": request.build_absolute_uri(url) if url else "",
        "calendar_url": request.build_absolute_uri(
            url + event.reverse_subpage("calendar")
        )
        if url
        else "",
    }


@router.get("/processes/{slug}/events", response={200: list[EventOut], **NOT_FOUND})
def event_list(request, slug: str = Path(..., max_length=100)):  # noqa: B008
    """The live events of a process, soonest first."""
    process = _process(slug)
    events = event_selectors.events_for_api(process)
    return [_event_out(request, event, process) for event in events]


@router.get(
    "/processes/{slug}/events/{event_slug}", response={200: EventDetailOut, **NOT_FOUND}
)
def event_detail(
    request,
    slug: str = Path(..., max_length=100),  # noqa: B008
    event_slug: str = Path(..., max_length=100),  # noqa: B008
):
    process = _process(slug)
    if parse_slug(event_slug) is None:
        raise Http404
    event = event_selectors.event_for_api(process, event_slug)
    if event is None:
        raise Http404
    return {
        **_event_out(request, event, process),
        "results": [
            {"topic": result.topic, "outcomes": result.outcome_lines()}
            for result in event.results.all()
        ],
    }
