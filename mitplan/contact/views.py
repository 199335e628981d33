"""Contact forms. Sending is rate-limited per client (without storing addresses) and
guarded against bots; every refusal re-shows the form with what was typed."""

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from mitplan.core.ratelimits import client_key
from mitplan.processes import selectors as process_selectors

from . import services
from .forms import AccessibilityFeedbackForm, MessageForm


def _over_limit(request, group: str) -> bool:
    return is_ratelimited(
        request,
        group=group,
        key=client_key,
        rate=settings.CONTACT_RATE,
        method="POST",
        increment=True,
    )


def _rate_limit_error(form):
    form.add_error(
        None,
        _(
            "You have sent several messages in a short time. Please wait an hour "
            "and send this one again: what you wrote is still here."
        ),
    )


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


def advisor_message(request, advisor_id: int):
    advisor = process_selectors.advisor_for_contact(advisor_id)
    status = 200
    if request.method == "POST":
        form = MessageForm(request.POST)
        if _over_limit(request, "contact.advisor_message"):
            _rate_limit_error(form)
            status = 429
        elif form.is_valid():
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
            status = 400
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


def accessibility_feedback(request, *, page):
    """The accessibility statement page with its feedback form (routed by the page)."""
    status = 200
    if request.method == "POST":
        form = AccessibilityFeedbackForm(request.POST)
        if _over_limit(request, "contact.accessibility_feedback"):
            _rate_limit_error(form)
            status = 429
        elif form.is_valid():
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
            status = 400
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
