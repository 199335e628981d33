"""Public views of events, called by the event pages' routes (models.py).

The event page is the same for every reader (it is cached whole), so its form's
key is made by the browser; the pages reached by a personal link are never
cached: they show a person's registration and, once confirmed, the online link."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from mitplan.cms.selectors import portal_above
from mitplan.core import ratelimits
from mitplan.core.exports import attachment_header
from mitplan.core.origin import same_origin_post
from mitplan.core.ratelimits import Limit
from mitplan.core.sending import NotCarriedOut, carry_out
from mitplan.core.submissions import content_digest, new_submission_key
from mitplan.processes.portal import page_context

from . import calendars, rules, selectors, services, structured
from .forms import CancelForm, RegistrationForm


def _context(request, page, **extra) -> dict:
    """What every event page shows: the process's navigation and notices, with
    this page as the page."""
    portal = portal_above(page)
    context = page_context(request, portal, **extra)
    context.update(page=page, self=page, shows_page_content=True)
    return context


def _index_of(event):
    return event.get_parent().specific


# --- Lists ------------------------------------------------------------------------------


def event_list(request, *, page, past: bool = False):
    context = _context(request, page)
    events = selectors.event_list(page, past=past, number=request.GET.get("page"))
    process = context["process"]
    now = timezone.now()
    context.update(
        events=events,
        past=past,
        postponed=process.is_paused and not past,
        now=now,
    )
    if past:
        context["breadcrumbs_extra"] = [(None, _("Past events"))]
    return TemplateResponse(request, "events/event_list.html", context)


def calendar_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = attachment_header(filename, suffix=".ics")
    return response


def process_calendar(request, *, page):
    portal = portal_above(page)
    from mitplan.processes.selectors import process_for_pages

    process = process_for_pages(portal.process_id)
    # The index page is in the reader's language (an alias where untranslated).
    events = selectors.process_events(process, locale=page.locale)
    # Already the reader's pages: their own addresses, on the host asked (as feeds).
    urls = {
        event.pk: request.build_absolute_uri(event.get_url(request)) for event in events
    }
    content = calendars.calendar_bytes(
        events, name=process.title, urls=urls, process=process
    )
    return calendar_response(content, process.slug)


# --- One event --------------------------------------------------------------------------


def _detail_context(request, page, form=None) -> dict:
    context = _context(request, page)
    process = context["process"]
    source = page.source_event()
    closed_reason = rules.registration_closed_reason(page, process)
    context.update(
        event=page,
        is_past=page.is_past(),
        is_postponed=rules.is_postponed(page, process),
        closed_reason=closed_reason,
        seats=selectors.event_seats(source) if page.allows_registration else None,
        form=form
        if form is not None
        else (RegistrationForm() if not closed_reason else None),
        photos=list(page.photos.select_related("image")),
        results=list(page.results.all()),
        downloads=list(page.downloads.select_related("document")),
        structured_data=structured.event_json_ld(
            page,
            process=process,
            url=request.build_absolute_uri(page.url),
        ),
    )
    return context


@same_origin_post
def event_detail(request, *, page):
    if request.method != "POST":
        return TemplateResponse(
            request, "events/event_detail.html", _detail_context(request, page)
        )
    limits = [
        Limit.per_client(request, "events.register", settings.EVENT_REGISTRATION_RATE)
    ]
    over_limit = ratelimits.used_up(*limits)
    form = RegistrationForm(request.POST, require_proof=over_limit)
    status = 429 if over_limit else 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            carry_out(
                lambda: services.registration_request(
                    event=page,
                    name=data["name"],
                    email=data["email"],
                    needs=data["needs"],
                    language=get_language(),
                    submission_key=data["submission"],
                    submission_digest=content_digest(
                        name=data["name"], email=data["email"], needs=data["needs"]
                    ),
                ),
                *limits,
                proved=over_limit,
            )
        except NotCarriedOut as refusal:
            message = refusal.message
            if _is_conflict(message):
                # Keep what was typed, with a fresh key so sending again stores it.
                sent = request.POST.copy()
                sent["submission"] = new_submission_key()
                form = RegistrationForm(sent, require_proof=over_limit)
                form.is_valid()
            if isinstance(message, ValidationError):
                for text in message.messages:
                    form.add_error(None, text)
            else:
                form.add_error(None, message)
            status = 409 if _is_conflict(message) else refusal.status
        else:
            return redirect(page.url + page.reverse_subpage("registered"))
    response = TemplateResponse(
        request,
        "events/event_detail.html",
        _detail_context(request, page, form=form),
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


def _is_conflict(message) -> bool:
    return isinstance(message, ValidationError) and getattr(message, "code", "") == (
        "conflict"
    )


def registration_sent(request, *, page):
    context = _context(request, page, event=page)
    context["breadcrumbs_extra"] = [(None, _("Registration sent"))]
    return TemplateResponse(request, "events/registration_sent.html", context)


def event_calendar(request, *, page):
    from mitplan.processes.selectors import process_for_pages

    process = process_for_pages(page.process_id)
    content = calendars.calendar_bytes(
        [page],
        name=page.title,
        urls={page.pk: request.build_absolute_uri(page.url)},
        process=process,
    )
    return calendar_response(content, page.slug)


# --- Links from the mails ---------------------------------------------------------------


def _link_failed(request, page, error: services.LinkInvalid):
    context = _context(request, page, event=page, expired=error.expired)
    context["breadcrumbs_extra"] = [(None, _("Registration"))]
    response = TemplateResponse(
        request,
        "events/link_invalid.html",
        context,
        status=410 if error.expired else 404,
    )
    response["Cache-Control"] = "no-store"
    return response


def _personal(response):
    response["Cache-Control"] = "no-store"
    # The site's same-origin referrer policy already keeps the token from other
    # sites; "no-referrer" would make browsers post the form with Origin "null",
    # which the cross-site check refuses.
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@same_origin_post
def registration_confirm(request, *, page, token):
    """The confirmation link. A GET only asks to confirm (mail scanners follow
    links); the button confirms."""
    try:
        registration = services.registration_to_confirm(token)
    except services.LinkInvalid as error:
        return _link_failed(request, page, error)
    context = _context(request, page, event=page, registration=registration)
    context["breadcrumbs_extra"] = [(None, _("Confirm your registration"))]
    status = 200
    if request.method == "POST":
        try:
            registration = services.registration_confirm(token=token)
        except services.LinkInvalid as error:
            return _link_failed(request, page, error)
        except ValidationError as error:
            context["refusal"] = error.messages[0]
            status = 409
        else:
            if registration is None:
                context["refusal"] = services.FULL
                context["registration"] = None
                return _personal(
                    TemplateResponse(
                        request,
                        "events/registration_confirm.html",
                        context,
                        status=409,
                    )
                )
            return _personal(
                redirect(
                    page.url
                    + page.reverse_subpage(
                        "registration", args=[services.personal_token(registration)]
                    )
                )
            )
    return _personal(
        TemplateResponse(
            request, "events/registration_confirm.html", context, status=status
        )
    )


@never_cache
@same_origin_post
def registration_detail(request, *, page, token):
    """A person's registration, reached by the link in their mails: its state, the
    online link once confirmed, and the button that cancels it."""
    try:
        registration = services.registration_by_link(token)
    except services.LinkInvalid as error:
        return _link_failed(request, page, error)
    if request.method == "POST" and CancelForm(request.POST).is_valid():
        registration = services.registration_cancel(token=token)
    event = registration.event
    context = _context(
        request,
        page,
        event=page,
        registration=registration,
        online_url=event.online_url
        if registration.status == registration.Status.CONFIRMED
        else "",
        cancelled_now=request.method == "POST",
    )
    context["breadcrumbs_extra"] = [(None, _("Your registration"))]
    return _personal(
        TemplateResponse(request, "events/registration_detail.html", context)
    )
