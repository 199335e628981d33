"""Who may do what with events (django-rules, composed of processes/rules.py).

Residents register, without an account, while the event takes registrations: its
own settings (registration on, opens/closes, not started yet), a running phase of
the process allows "events", and the process is not paused (a pause postpones every
upcoming event). Process owners read and export the attendee lists."""

import rules
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mitplan.processes.participation import participation
from mitplan.processes.rules import holds, owner_may

reads_registrations = owner_may("events.view_registration")
rules.add_rule("events.read_registrations", reads_registrations)


def can_read_registrations(user, process=None) -> bool:
    return holds("events.read_registrations", user, process)


def is_postponed(event, process, *, now=None) -> bool:
    """An upcoming event of a paused process is postponed: no date can be promised."""
    return process.is_paused and not event.is_past(now or timezone.now())


def registration_closed_reason(event, process, *, now=None) -> str:
    """Why nobody can register now ("" while registration is open), in the active
    language. `process` with its phases prefetched (no query of its own)."""
    now = now or timezone.now()
    if not event.allows_registration:
        return _("This event needs no registration.")
    if event.is_past(now) or event.starts_at <= now:
        return _("Registration has closed.")
    if is_postponed(event, process, now=now):
        return _(
            "The process is paused, so this event is postponed. Registration opens "
            "again when a new date is set."
        )
    if event.registration_opens_at and event.registration_opens_at > now:
        return _("Registration opens on %(date)s.") % {
            "date": date_format(
                timezone.localtime(event.registration_opens_at), "DATETIME_FORMAT"
            )
        }
    if event.registration_closes_at and event.registration_closes_at <= now:
        return _("Registration has closed.")
    open_now = participation(process, today=timezone.localdate(now))
    if not open_now.allows("events"):
        return open_now.closed_reason or _("Registration has closed.")
    return ""
