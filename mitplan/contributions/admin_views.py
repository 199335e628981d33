"""The staff moderation screen of one contribution, and offline input.

Every change goes through a service, so it lands in the contribution's history and
reaches its subscribers. Expert-group members see and answer only their group's
contributions; moderating and publishing statements is for process owners.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from mitplan.core import exports
from mitplan.core.i18n import texts_of
from mitplan.core.text import isolate
from mitplan.processes.forms import SPOKEN_LANGUAGES
from mitplan.processes.models import Process

from . import rules, selectors, services
from .admin_forms import (
    EditForm,
    ForwardForm,
    MergeForm,
    OfflineContributionForm,
    RejectForm,
    StatementForm,
)
from .extending import staff_sections
from .models import Contribution, Statement
from .staff_actions import carry_out_staff_action, reason_reach, subscriber_count


def language_name(code: str) -> str:
    """A contribution's language as staff read it, in their admin language
    ("Arabic"); languages Django has no name for in their own name ("Kurdî")."""
    try:
        return str(translation.get_language_info(code)["name_translated"])
    except KeyError:
        return SPOKEN_LANGUAGES.get(code, code)


def _statement(contribution):
    try:
        return contribution.statement
    except Statement.DoesNotExist:
        return None


def moderate(request, pk: int):
    contribution = get_object_or_404(
        Contribution.objects.select_related(
            "process", "field_of_action", "expert_group", "merged_into", "author"
        ),
        pk=pk,
    )
    user = request.user
    if not rules.can_see_internal(user, contribution):
        raise PermissionDenied
    statement = _statement(contribution)
    forms = {
        "reject": RejectForm(),
        "edit": EditForm(
            initial={"title": contribution.title, "text": contribution.text}
        ),
        "merge": MergeForm(),
        "forward": ForwardForm(
            process=contribution.process,
            initial={
                "expert_group": getattr(
                    contribution.field_of_action, "expert_group", None
                )
            },
        ),
        "statement": StatementForm(
            initial={
                "outcome": statement.outcome if statement else None,
                **{
                    f"text_{code}": text
                    for code, text in (
                        texts_of(statement, "text") if statement else {}
                    ).items()
                },
            },
            contribution_language=contribution.language,
        ),
    }
    subscribers = subscriber_count(contribution)
    if request.method == "POST":
        try:
            done = carry_out_staff_action(
                request, contribution, request.POST.get("action", ""), forms
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            done = False
        if done:
            messages.success(request, done)
            return redirect("contributions_moderate", pk=contribution.pk)
        if done is None:  # a form with errors: say so at the top, too
            messages.error(request, _("Your entries could not be sent yet"))
    context = {
        # Wagtail's header shows it as the page's one h1.
        "page_title": f"#{contribution.pk} {isolate(contribution.title)}",
        "header_icon": "comment",
        "contribution": contribution,
        "statement": statement,
        "history": contribution.history.select_related("actor", "expert_group"),
        # Abuse reports and comments: their apps' sections (extending.py).
        "sections": staff_sections(request, contribution, forms),
        "forms": forms,
        "can_moderate": rules.can_moderate(user, contribution.process),
        "can_publish_statements": rules.can_publish_statements(
            user, contribution.process
        ),
        "public_url": contribution.get_absolute_url() if contribution.is_public else "",
        "subscriber_count": subscribers,
        "language_name": language_name(contribution.language),
        "reason_reach": reason_reach(contribution, subscribers),
    }
    return TemplateResponse(request, "contributions/admin/moderate.html", context)


def offline_create(request, process_id: int):
    """Enter input collected on paper or at an event; it is published at once."""
    process = get_object_or_404(Process, pk=process_id)
    if not rules.can_moderate(request.user, process):
        raise PermissionDenied
    form = OfflineContributionForm(request.POST or None, process=process)
    if request.method == "POST" and form.is_valid():
        contribution, _created = services.contribution_submit(
            process=process,
            source=Contribution.Source.OFFLINE,
            entered_by=request.user,
            **form.cleaned_data,
        )
        messages.success(request, _("Entered and published."))
        return redirect("contributions_moderate", pk=contribution.pk)
    return TemplateResponse(
        request,
        "contributions/admin/offline_form.html",
        {"form": form, "process": process, "index_url": reverse("contributions:index")},
    )


def statistics(request, process_id: int):
    """Counts by field, kind, language, state, outcome and week, as bars with numbers."""
    process = get_object_or_404(Process, pk=process_id)
    if not rules.can_moderate(request.user, process):
        raise PermissionDenied
    stats = selectors.contribution_statistics(process)
    languages = [(language_name(code), n) for code, n in stats["language"]]
    tables = [
        (_("By field of action"), _("Field of action"), stats["field"]),
        (_("By kind"), _("Kind"), stats["kind"]),
        (_("By language"), _("Language"), languages),
        (_("By moderation"), _("Moderation"), stats["moderation"]),
        (_("By processing"), _("Processing"), stats["processing"]),
        (_("By outcome of published statements"), _("Outcome"), stats["outcome"]),
        (_("By week received"), _("Week beginning"), stats["week"]),
    ]
    tables = [
        (
            title,
            heading,
            [
                (label, n, round(100 * n / max(n for _l, n in rows)))
                for label, n in rows
            ],
        )
        for title, heading, rows in tables
        if rows
    ]
    return TemplateResponse(
        request,
        "contributions/admin/statistics.html",
        {"process": process, "total": stats["total"], "tables": tables},
    )


# The export's columns as the selector names them: a heading staff read, in their
# admin language, and a width in characters for the XLSX. "id" stays the number, so
# rows can be matched with other exports and the open-data API.
EXPORT_COLUMNS = {
    "id": (gettext_lazy("ID"), 8),
    "field_of_action": (gettext_lazy("Field of action"), 24),
    "kind": (gettext_lazy("Kind"), 12),
    "title": (gettext_lazy("Title"), 40),
    "text": (gettext_lazy("Text"), 80),
    "language": (gettext_lazy("Language"), 14),
    "tags": (gettext_lazy("Tags"), 30),
    "source": (gettext_lazy("Source"), 18),
    "source_note": (gettext_lazy("Where it was collected"), 30),
    "moderation_state": (gettext_lazy("Moderation"), 24),
    "moderation_reason": (gettext_lazy("Reason given to the author"), 40),
    "processing_state": (gettext_lazy("Processing"), 24),
    "expert_group": (gettext_lazy("Expert group"), 30),
    "outcome": (gettext_lazy("Outcome"), 28),
    "statement": (gettext_lazy("Statement"), 80),
    "supports": (gettext_lazy("Supports"), 10),
    "comments": (gettext_lazy("Comments"), 11),
    "received_at": (gettext_lazy("Received at"), 18),
    "published_at": (gettext_lazy("Published at"), 18),
    "pseudonym": (gettext_lazy("Pseudonym"), 20),
}


def _export_labels(process) -> dict:
    """Per column, what its codes read as, in the active (admin) language."""

    def labels(choices):
        return {value: str(label) for value, label in choices}

    return {
        "field_of_action": {
            field.slug: field.name for field in process.fields_of_action.all()
        },
        "kind": labels(Contribution.Kind.choices),
        "source": labels(Contribution.Source.choices),
        "moderation_state": labels(Contribution.Moderation.choices),
        "processing_state": labels(Contribution.Processing.choices),
        "outcome": labels(Statement.Outcome.choices),
    }


def _export_table(process, header, rows):
    """The selector's rows with human headings and values instead of codes."""
    labels = _export_labels(process)
    tag_names = {tag.slug: tag.name for tag in process.tags.all()}
    language_names = {}

    def readable(column, value):
        if column in labels:
            return labels[column].get(value, value)
        if column == "language":
            if value not in language_names:
                language_names[value] = language_name(value)
            return language_names[value]
        if column == "tags" and value:
            return ", ".join(tag_names.get(slug, slug) for slug in value.split(", "))
        return value

    def human_rows(language):
        # A CSV is streamed after the view returned, outside Wagtail's switch to
        # the admin language; translated fields (statement, expert group) would
        # otherwise come in whatever language the worker thread is left in.
        with translation.override(language):
            for row in rows:
                yield [
                    readable(column, value)
                    for column, value in zip(header, row, strict=True)
                ]

    headings = [
        capfirst(str(EXPORT_COLUMNS[column][0])) if column in EXPORT_COLUMNS else column
        for column in header
    ]
    widths = [EXPORT_COLUMNS.get(column, ("", 16))[1] for column in header]
    return headings, widths, human_rows(translation.get_language())


def export(request, process_id: int, file_format: str):
    """All contributions of a process as CSV or XLSX; formulas neutralised."""
    process = get_object_or_404(Process, pk=process_id)
    if not rules.can_moderate(request.user, process):
        raise PermissionDenied
    header, rows = selectors.contributions_for_export(
        process,
        with_personal_data=request.user.has_perm("contributions.change_contribution"),
    )
    headings, widths, rows = _export_table(process, header, rows)
    filename = f"{process.slug}-contributions"
    if file_format == "xlsx":
        return exports.xlsx_response(
            filename, _("Contributions"), headings, rows, column_widths=widths
        )
    return exports.csv_response(filename, headings, rows)
