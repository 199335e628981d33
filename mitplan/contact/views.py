"""Contact forms. Sending is rate-limited per client (without storing addresses) and
guarded against bots; every refusal re-shows the form with what was typed."""

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mitplan.core.origin import same_origin_post
from mitplan.core.ratelimits import limit_count, limit_reached
from mitplan.processes import selectors as process_selectors

from . import services
from .forms import AccessibilityFeedbackForm, MessageForm


def _over_limit(request, group: str) -> bool:
    return limit_reached(request, group, settings.CONTACT_RATE)


def _advisor_context(advisor):
    from mitplan.cms.selectors import process_page_for

    fields = list(advisor.fields_of_action.all())
    process = fields[0].process if fields else None
    return {
        "advisor": advisor,
        "advisor_fields": fields,
        "process": process,
        "process_page": process_page_for(process) if process else None,
    }


@same_origin_post
def advisor_message(request, advisor_id: int):
    advisor = process_selectors.advisor_for_contact(advisor_id)
    status = 200
    if request.method == "POST":
        # Over the limit, a sender can still send after a short proof of work.
        over_limit = _over_limit(request, "contact.advisor_message")
        form = MessageForm(request.POST, require_proof=over_limit)
        if form.is_valid():
            limit_count(request, "contact.advisor_message", settings.CONTACT_RATE)
            services.advisor_message_send(
                advisor=advisor,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
                language=get_language(),
            )
            return redirect("contact:advisor_message_sent", advisor_id=advisor.pk)
        else:
            status = 429 if over_limit else 400
    else:
        form = MessageForm()
    context = {"form": form, **_advisor_context(advisor)}
    return TemplateResponse(
        request, "contact/advisor_message.html", context, status=status
    )


def advisor_message_sent(request, advisor_id: int):
    advisor = process_selectors.advisor_for_contact(advisor_id)
    return TemplateResponse(
        request, "contact/advisor_message_sent.html", _advisor_context(advisor)
    )


@same_origin_post
def accessibility_feedback(request, *, page):
    """The accessibility statement page with its feedback form (routed by the page)."""
    status = 200
    if request.method == "POST":
        over_limit = _over_limit(request, "contact.accessibility_feedback")
        form = AccessibilityFeedbackForm(request.POST, require_proof=over_limit)
        if form.is_valid():
            limit_count(
                request, "contact.accessibility_feedback", settings.CONTACT_RATE
            )
            services.accessibility_feedback_send(
                recipient=page.feedback_email,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                page_url=form.cleaned_data["page_url"],
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
                language=get_language(),
            )
            return redirect(page.url + page.reverse_subpage("feedback_sent"))
        else:
            status = 429 if over_limit else 400
    else:
        form = AccessibilityFeedbackForm()
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
