"""Public pages of a process: what its portal shows, and its fields of action and
contacts below the portal (routes registered in ProcessesConfig.ready)."""

from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors
from .participation import participation
from .portal import page_context, panels_for


def portal_context(*, page) -> dict:
    """What the portal page shows besides its editorial text: the process with its
    status notice, the timeline, the current phase and the fields of action."""
    process = selectors.process_for_pages(page.process_id)
    open_now = participation(process)
    today = timezone.localdate()
    return {
        "process": process,
        "process_page": page,
        "participation": open_now,
        "timeline": selectors.process_timeline(process, today=today),
        "current_phase": selectors.process_current_phase(process, today=today),
        "fields_of_action": list(process.fields_of_action.all()),
        # What apps add to the portal (the newest news, the next events).
        "panels": panels_for("portal", process),
    }


def field_list(request, *, page):
    context = page_context(request, page)
    context["panels"] = panels_for("fields", context["process"])
    context["breadcrumbs_extra"] = [(None, _("Fields of action"))]
    return TemplateResponse(request, "processes/field_list.html", context)


def field_detail(request, *, page, slug):
    context = page_context(request, page)
    field = selectors.field_of_action_detail(context["process"], slug)
    context.update(
        {
            "field": field,
            "breadcrumbs_extra": [
                (page.reverse_subpage("field_list"), _("Fields of action")),
                (None, field.name),
            ],
        }
    )
    return TemplateResponse(request, "processes/field_detail.html", context)


def advisor_list(request, *, page):
    """Everyone residents can write to, by field of action."""
    context = page_context(request, page)
    context.update(
        {
            "fields_with_advisors": selectors.fields_with_advisors(context["process"]),
            "breadcrumbs_extra": [(None, _("Contacts"))],
        }
    )
    return TemplateResponse(request, "processes/advisor_list.html", context)
