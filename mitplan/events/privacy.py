"""Personal data of events: the registrations (name, e-mail address, needs). Kept
for the event and deleted RETENTION_EVENT_ATTENDEES_DAYS after it ended; a person
gets theirs in "download my data" and loses them with their account (by address:
nobody needs an account to register)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from mitplan.core.privacy import Person, PersonalData, register

from .models import Registration


def _export(person: Person) -> list[dict]:
    return [
        {
            "event": r.event.title,
            "starts_at": r.event.starts_at.isoformat(),
            "name": r.name,
            "email": r.email,
            "needs": r.needs,
            "status": r.status,
            "registered_at": r.created_at.isoformat(),
        }
        for r in Registration.objects.filter(email__in=person.addresses)
        .select_related("event")
        .order_by("pk")
    ]


def _erase(person: Person) -> None:
    Registration.objects.filter(email__in=person.addresses).delete()


def registrations_expire(*, now=None) -> int:
    """Registrations of events that ended more than the retention time ago."""
    cutoff = (now or timezone.now()) - timedelta(
        days=settings.RETENTION_EVENT_ATTENDEES_DAYS
    )
    deleted, _by_model = Registration.objects.filter(event__ends_at__lt=cutoff).delete()
    return deleted


register(
    PersonalData(
        name="event_registrations",
        order=40,
        fields=("events.Registration.email",),
        export=_export,
        erase=_erase,
        expire=registrations_expire,
        expired="{count} event registration(s)",
    )
)
