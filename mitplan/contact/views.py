"""Contact forms. Sending is rate-limited per client (without storing addresses) and
guarded against bots; every refusal re-shows the form with what was typed."""

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from mitplan.core import ratelimits
from mitplan.core.origin import same_origin_post
from mitplan.core.ratelimits import Limit
from mitplan.core.sending import NotCarriedOut, carry_out
from mitplan.processes import selectors as process_selectors
from mitplan.processes.portal import portal_page

from . import services
from .forms import AccessibilityFeedbackForm, MessageForm


def _message_sent(request, form_class, limits, send):
    """A contact form, sent or shown: (form, status, sent). Over a limit the form
    asks for a short proof of work; `send(data)` mails what it carries, and if that
    fails the form says why and keeps the text."""
    if request.method != "POST":
        return form_class(), 200, False
    over_limit = ratelimits.used_up(*limits)
    form = form_class(request.POST, require_proof=over_limit)
    if not form.is_valid():
        return form, 429 if over_limit else 400, False
    try:
        carry_out(lambda: send(form.cleaned_data), *limits, proved=over_limit)
    except NotCarriedOut as refusal:
        form.add_error(None, refusal.message)
        return form, refusal.status, False
    return form, 200, True


def _advisor_context(advisor):
    fields = list(advisor.fields_of_action.all())
    process = fields[0].process if fields else None
    return {
        "advisor": advisor,
        "advisor_fields": fields,
        "process": process,
        "process_page": portal_page(process) if process else None,
    }


@never_cache
@same_origin_post
def advisor_message(request, advisor_id: int):
    advisor = process_selectors.advisor_for_contact(advisor_id)
    limits = [
        Limit.per_client(request, "contact.advisor_message", settings.CONTACT_RATE),
        # Mails to one advisor from anyone: over it, every sender does the proof of
        # work (a hard stop would let one client silence the advisor).
        Limit(
            "contact.advisor_inbox",
            f"target:advisor:{advisor.pk}",
            settings.ADVISOR_MESSAGE_RATE,
        ),
    ]
    form, status, sent = _message_sent(
        request,
        MessageForm,
        limits,
        lambda data: services.advisor_message_send(
            advisor=advisor,
            name=data["name"],
            email=data["email"],
            subject=data["subject"],
            message=data["message"],
            language=get_language(),
        ),
    )
    if sent:
        return redirect("contact:advisor_message_sent", advisor_id=advisor.pk)
    context = {"form": form, **_advisor_context(advisor)}
    return TemplateResponse(
        request, "contact/advisor_message.html", context, status=status
    )


def advisor_message_sent(request, advisor_id: int):
    advisor = process_selectors.advisor_for_contact(advisor_id)
    return TemplateResponse(
        request, "contact/advisor_message_sent.html", _advisor_context(advisor)
    )


@never_cache
@same_origin_post
def accessibility_feedback(request, *, page):
    """The accessibility statement page with its feedback form (routed by the page)."""
    limits = [
        Limit.per_client(
            request, "contact.accessibility_feedback", settings.CONTACT_RATE
        )
    ]
    form, status, sent = _message_sent(
        request,
        AccessibilityFeedbackForm,
        limits,
        lambda data: services.accessibility_feedback_send(
            recipient=page.feedback_email,
            name=data["name"],
            email=data["email"],
            page_url=data["page_url"],
            subject=data["subject"],
            message=data["message"],
            language=get_language(),
        ),
    )
    if sent:
        return redirect(page.url + page.reverse_subpage("feedback_sent"))
    context = page.get_context(request)
    context["form"] = form
    return TemplateResponse(
        request, "cms/accessibility_statement_page.html", context, status=status
    )


def accessibility_feedback_sent(request, *, page):
    context = page.get_context(request)
    context["breadcrumbs_extra"] = [(None, _("Feedback sent"))]
    return TemplateResponse(
        request, "contact/accessibility_feedback_sent.html", context
    )
