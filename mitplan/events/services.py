"""Registrations for events: asked for on the event's page, confirmed from a mail
(double opt-in), cancelled from a mail's link. Only a confirmed registration takes
a seat; when the seats are taken it waits, and a cancelled seat goes to the next
person waiting, once.

Every change of seats runs in one transaction that first locks the event's row
(SELECT … FOR UPDATE on PostgreSQL; SQLite writes one at a time anyway), so
concurrent confirmations never overbook."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from mitplan.core import ratelimits
from mitplan.core.addresses import clean_email
from mitplan.core.mail import deliver, send_mail
from mitplan.core.submissions import RESENT_OTHER_CONTENT
from mitplan.notifications.services import confirmation_limits
from mitplan.processes.selectors import process_for_pages

from . import rules
from .models import EventPage, Registration

CONFIRM_SALT = "mitplan.events.confirm"
PERSONAL_SALT = "mitplan.events.registration"
# A confirmation link works for three days; the personal link as long as the data
# is kept.
CONFIRM_MAX_AGE = 3 * 86400

ALREADY_REGISTERED = _(
    "This e-mail address is already registered for this event. The mail we sent "
    "to it has the link to your registration, where you can also cancel it."
)
FULL = _("All seats are taken and this event has no waiting list.")
OVER = _("This event is over.")


class LinkInvalid(Exception):
    """A confirmation or registration link that is forged, expired or no longer
    leads to a registration."""

    def __init__(self, *, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


# --- Links ---------------------------------------------------------------------------


# A link carries the registration's random token, for a confirmation link the time
# it was made (8 hex digits), and an HMAC of both under the link's own salt, so a
# personal link cannot confirm and a confirmation link cannot cancel. Letters,
# digits, "-" and "_" only: Wagtail serves no other characters in a page's address.
TOKEN_LENGTH = len(Registration._meta.get_field("token").default())
_SIG = 32


def _signature(salt: str, value: str) -> str:
    return salted_hmac(salt, value, algorithm="sha256").hexdigest()[:_SIG]


def confirm_token(registration: Registration, *, now=None) -> str:
    stamp = format(int((now or timezone.now()).timestamp()), "08x")
    value = registration.token + stamp
    return value + _signature(CONFIRM_SALT, value)


def personal_token(registration: Registration) -> str:
    return registration.token + _signature(PERSONAL_SALT, registration.token)


def _registration_for(token: str, *, salt: str, max_age=None):
    stamped = max_age is not None
    length = TOKEN_LENGTH + (8 if stamped else 0) + _SIG
    if not isinstance(token, str) or len(token) != length:
        raise LinkInvalid
    value, signature = token[:-_SIG], token[-_SIG:]
    if not constant_time_compare(signature, _signature(salt, value)):
        raise LinkInvalid
    raw = value[:TOKEN_LENGTH]
    if stamped:
        made = int(value[TOKEN_LENGTH:], 16)
        if timezone.now().timestamp() - made > max_age:
            raise LinkInvalid(expired=True)
    found = Registration.objects.select_related("event").filter(token=raw).first()
    if found is None:
        raise LinkInvalid
    return found


def registration_to_confirm(token: str) -> Registration:
    """The registration a confirmation link leads to; LinkInvalid if none."""
    return _registration_for(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


def registration_by_link(token: str) -> Registration:
    """The registration a personal link leads to; LinkInvalid if none."""
    return _registration_for(token, salt=PERSONAL_SALT)


def _absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + path


def event_url(event: EventPage, language: str, route: str = "", *args) -> str:
    """The event's address in `language` (its translation, else the source page)."""
    with translation.override(language):
        page = event.localized
        url = page.get_url() or ""
        if route:
            url += page.reverse_subpage(route, args=list(args))
    return _absolute(url)


def _mail(
    registration: Registration, kind: str, subject, *, at_once=False, **extra
) -> None:
    """Mail the registrant, in their language, after the transaction commits; or,
    `at_once`, inside it: a mail that cannot go out raises MailNotSent and nothing
    is stored, so no one is told "we sent you a mail" that never comes."""
    event = registration.event
    language = registration.language
    with translation.override(language):
        # Title and venue as the reader's language shows them (German if untranslated).
        shown = event.localized
        title = shown.title
        context = {
            "registration": registration,
            "event": shown,
            "title": title,
            "starts_at": timezone.localtime(event.starts_at),
            "ends_at": timezone.localtime(event.ends_at),
            "event_url": event_url(event, language),
            "personal_url": event_url(
                event, language, "registration", personal_token(registration)
            ),
            "site_name": settings.SITE_NAME,
            **extra,
        }
        body = render_to_string(f"events/mail/{kind}.txt", context)
        subject_text = str(subject) % {"title": title, "site_name": settings.SITE_NAME}
    to = [registration.email]
    if at_once:
        deliver(subject=subject_text, body=body, to=to, headers={})
        return
    transaction.on_commit(
        lambda: send_mail.enqueue(subject=subject_text, body=body, to=to, headers={})
    )


# --- Registering ----------------------------------------------------------------------


def _lock_event(event_id: int) -> EventPage:
    # Locks the event's own row only (not Wagtail's page row editors write).
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event_id)


@transaction.atomic
def registration_request(
    *,
    event: EventPage,
    name: str,
    email: str,
    needs: str,
    language: str,
    submission_key: str | None = None,
    submission_digest: str = "",
) -> Registration:
    """Ask for a seat: stores the registration (not confirmed) and mails the link
    that confirms it. Raises ValidationError, saying why, when registration is
    closed or the address is registered already; the same form sent again returns
    the first registration and mails nothing."""
    event = event.source_event()
    email = clean_email(email)
    if submission_key:
        sent = Registration.objects.filter(submission_key=submission_key).first()
        if sent is not None:
            if sent.event_id != event.pk or (
                submission_digest
                and sent.submission_digest
                and sent.submission_digest != submission_digest
            ):
                # Not a resend: the form was changed after it was sent. Nothing
                # stored, and the person is told so (never "sent").
                raise ValidationError(RESENT_OTHER_CONTENT, code="conflict")
            return sent
    process = process_for_pages(event.process_id)
    reason = rules.registration_closed_reason(event, process)
    if reason:
        raise ValidationError(reason, code="closed")
    registration = Registration.objects.filter(event=event, email=email).first()
    if registration is not None and registration.status in (
        Registration.Status.CONFIRMED,
        Registration.Status.WAITING,
    ):
        raise ValidationError(ALREADY_REGISTERED, code="repeated")
    if registration is None:
        registration = Registration(event=event, email=email)
    elif registration.status == Registration.Status.CANCELLED:
        # Registering again after cancelling: a new link, a new place in the queue.
        registration.token = Registration._meta.get_field("token").default()
        registration.status = Registration.Status.PENDING
        registration.confirmed_at = registration.cancelled_at = None
    registration.name = name
    registration.needs = needs
    registration.language = language
    registration.submission_key = submission_key or None
    registration.submission_digest = submission_digest
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        # The same address at the same moment from another request.
        raise ValidationError(ALREADY_REGISTERED, code="repeated") from None
    # Counted where the mail is sent: no one floods a stranger's mailbox.
    ratelimits.reserve(*confirmation_limits(email))
    _mail(
        registration,
        "confirm",
        _("[%(site_name)s] Please confirm your registration: %(title)s"),
        at_once=True,  # the page then says the mail was sent
        confirm_url=event_url(event, language, "confirm", confirm_token(registration)),
    )
    return registration


def _seats_taken(event: EventPage) -> int:
    return Registration.objects.filter(event=event).seated().count()


def _has_seat_free(event: EventPage) -> bool:
    return event.capacity is None or _seats_taken(event) < event.capacity


@transaction.atomic
def registration_confirm(*, token: str, now=None) -> Registration | None:
    """Confirm from the mail's link: a seat if one is free, else the waiting list
    (or, without one, None: the registration is deleted and the person told
    FULL). Confirming again changes nothing. Raises LinkInvalid for a forged or
    expired link, ValidationError when the event is over."""
    now = now or timezone.now()
    found = _registration_for(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    event = _lock_event(found.event_id)
    registration = Registration.objects.select_for_update().get(pk=found.pk)
    registration.event = event
    if registration.status != Registration.Status.PENDING:
        return registration
    if event.is_past(now):
        raise ValidationError(OVER, code="over")
    if _has_seat_free(event):
        registration.status = Registration.Status.CONFIRMED
    elif event.has_waiting_list:
        registration.status = Registration.Status.WAITING
    else:
        # Full, no waiting list: nothing of the person is kept.
        registration.delete()
        return None
    registration.confirmed_at = now
    registration.save(update_fields=["status", "confirmed_at"])
    if registration.status == Registration.Status.CONFIRMED:
        _mail(
            registration,
            "confirmed",
            _("[%(site_name)s] Your seat is confirmed: %(title)s"),
        )
    else:
        _mail(
            registration,
            "waiting",
            _("[%(site_name)s] You are on the waiting list: %(title)s"),
        )
    return registration


@transaction.atomic
def registration_cancel(*, token: str, now=None) -> Registration:
    """Cancel from the personal link. A seat that becomes free goes to the people
    waiting longest, as many as seats are free, each told by mail; cancelling
    again changes nothing (so nobody moves up twice)."""
    now = now or timezone.now()
    found = _registration_for(token, salt=PERSONAL_SALT)
    event = _lock_event(found.event_id)
    registration = Registration.objects.select_for_update().get(pk=found.pk)
    registration.event = event
    if registration.status == Registration.Status.CANCELLED:
        return registration
    was_seated = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    if was_seated and not event.is_past(now):
        waiting_list_advance(event=event)
    return registration


@transaction.atomic
def event_published(*, event_id: int, now=None) -> list[Registration]:
    """After staff publish an event: where it now has more seats (or no limit), the
    people waiting longest get them, each told by mail."""
    event = _lock_event(event_id)
    if event.is_past(now or timezone.now()):
        return []
    return waiting_list_advance(event=event)


def waiting_list_advance(*, event: EventPage) -> list[Registration]:
    """Give free seats to the people waiting longest; call with the event locked."""
    free = (
        None if event.capacity is None else max(event.capacity - _seats_taken(event), 0)
    )
    waiting = (
        Registration.objects.filter(event=event)
        .waiting()
        .order_by("confirmed_at", "pk")
    )
    moved = list(waiting if free is None else waiting[:free])
    for registration in moved:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status"])
        registration.event = event
        _mail(
            registration,
            "moved_up",
            _("[%(site_name)s] A seat is free for you: %(title)s"),
        )
    return moved
