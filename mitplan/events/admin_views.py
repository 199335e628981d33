"""Staff screens of an event: its attendee list with the counts, and the list as a
CSV or XLSX download (confirmed and waiting registrants with their needs) for the
people at the door. Reached from the event page's header in the admin
(wagtail_hooks.py); process owners only (events.read_registrations)."""

from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from mitplan.core import exports
from mitplan.core.audit import acting_account

from . import rules, selectors
from .models import EventPage

LOG_EXPORTED = "mitplan.event.attendees_exported"
FORMATS = ("csv", "xlsx")


class Refused(Exception):
    pass


def _event_for(request, pk: int) -> EventPage:
    event = get_object_or_404(EventPage.objects.select_related("process"), pk=pk)
    if not rules.can_read_registrations(request.user, event.process):
        raise Refused
    return event


def _refused():
    # A 403 of our own: Wagtail turns PermissionDenied into a redirect to the
    # dashboard, which a download link would follow without a word.
    return HttpResponseForbidden(
        _("Only the process's owners may see who registered for this event.")
    )


def _header() -> list[str]:
    return [
        _("Status"),
        _("Name"),
        _("E-mail address"),
        _("Needs"),
        _("Language"),
        _("Registered at"),
        _("Confirmed at"),
    ]


def _local_minute(moment):
    # To the minute on the city's clock: staff at the door read no seconds or zones.
    if moment is None:
        return None
    return timezone.localtime(moment).replace(second=0, microsecond=0, tzinfo=None)


def _language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])  # lazy otherwise
    except KeyError:
        return code


def _rows(event: EventPage):
    for registration in selectors.attendee_list(event):
        yield [
            registration.get_status_display(),
            registration.name,
            registration.email,
            registration.needs,
            _language_name(registration.language),
            _local_minute(registration.created_at),
            _local_minute(registration.confirmed_at),
        ]


def attendees(request, pk: int):
    try:
        event = _event_for(request, pk)
    except Refused:
        return _refused()
    return TemplateResponse(
        request,
        "events/admin/attendees.html",
        {
            "event": event,
            "seats": selectors.event_seats(event),
            "registrations": selectors.attendee_list(event),
            "page_title": _("Attendees of “%(title)s”") % {"title": event.title},
            "header_icon": "group",
            "edit_url": reverse("wagtailadmin_pages:edit", args=[event.pk]),
            "csv_url": reverse("events_attendees_export", args=[event.pk, "csv"]),
            "xlsx_url": reverse("events_attendees_export", args=[event.pk, "xlsx"]),
        },
    )


def export(request, pk: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    try:
        event = _event_for(request, pk)
    except Refused:
        return _refused()
    day = date_format(timezone.localtime(event.starts_at), "Y-m-d")
    label = _("attendees")  # a word of the file name, in the staff member's language
    filename = f"{event.slug}-{day}-{label}"
    log(
        event,
        LOG_EXPORTED,
        user=acting_account(request.user),
        data={"format": fmt, "rows": selectors.attendee_list(event).count()},
    )
    if fmt == "csv":
        # Read now, in the staff member's language: a stream is read after the
        # view returned, when the request's language may be gone. A list at the
        # door is short.
        response = exports.csv_response(filename, _header(), list(_rows(event)))
    else:
        response = exports.xlsx_response(
            filename,
            _("Attendees"),
            _header(),
            _rows(event),
            column_widths=(18, 28, 32, 50, 10, 18, 18),
        )
    response["Cache-Control"] = "no-store"
    return response


URLS = [
    path("events/<int:pk>/attendees/", attendees, name="events_attendees"),
    path(
        "events/<int:pk>/attendees/<str:fmt>/",
        export,
        name="events_attendees_export",
    ),
]
