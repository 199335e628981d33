"""Events for the tests: an index below the demo process's German portal and
events in it, in a process that is running and lets residents register."""

from datetime import date, timedelta

from django.utils import timezone
from wagtail.models import Locale

from mitplan.cms.models import ProcessPage
from mitplan.events.models import EventIndexPage, EventPage
from mitplan.processes.models import Phase, Process


def process_open_for_events(process: Process) -> Process:
    """Active, with a running phase that allows registering for events."""
    process.status = Process.Status.ACTIVE
    process.save()
    Phase.objects.create(
        process=process,
        title="Veranstaltungen",
        starts_on=date.today() - timedelta(days=400),
        ends_on=None,
        actions=["events"],
        sort_order=99,
    )
    return Process.objects.get(pk=process.pk)


def event_index(process: Process) -> EventIndexPage:
    portal = ProcessPage.objects.get(process=process, locale=Locale.get_default())
    index = EventIndexPage.objects.child_of(portal).first()
    if index is None:
        index = EventIndexPage(title="Veranstaltungen", slug="veranstaltungen")
        portal.add_child(instance=index)
        index.save_revision().publish()
    return index


def event_build(process: Process, *, slug="test-event", **fields) -> EventPage:
    index = event_index(process)
    starts_at = fields.pop("starts_at", timezone.now() + timedelta(days=10)).replace(
        second=0, microsecond=0
    )
    event = EventPage(
        title=fields.pop("title", "Dialogrunde Bildung"),
        slug=slug,
        kind=fields.pop("kind", EventPage.Kind.DIALOGUE_ROUND),
        starts_at=starts_at,
        ends_at=fields.pop("ends_at", starts_at + timedelta(hours=3)),
        teaser=fields.pop("teaser", "Wir sprechen über Bildung."),
        venue_name=fields.pop("venue_name", "Neues Rathaus"),
        venue_street="Trammplatz 2",
        venue_postal_code="30159",
        venue_city="Hannover",
        allows_registration=fields.pop("allows_registration", True),
        capacity=fields.pop("capacity", 5),
        **fields,
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    for code in ("en", "ar"):
        # Untranslated: an alias of the German page, as wagtail-localize makes it.
        event.copy_for_translation(
            Locale.objects.get(language_code=code), copy_parents=True, alias=True
        )
    return EventPage.objects.get(pk=event.pk)
