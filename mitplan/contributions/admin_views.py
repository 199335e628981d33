"""The staff moderation screen of one contribution, and offline input.

Every change goes through a service, so it lands in the contribution's history and
reaches its subscribers. Expert-group members see and answer only their group's
contributions; moderating and publishing statements is for process owners.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages

from mitplan.comments.models import Comment
from mitplan.comments.services import comment_hide
from mitplan.core import exports
from mitplan.moderation.models import Report
from mitplan.moderation.services import report_resolve
from mitplan.processes.models import Process

from . import rules, selectors, services
from .admin_forms import (
    EditForm,
    ForwardForm,
    MergeForm,
    OfflineContributionForm,
    ReasonForm,
    RejectForm,
    StatementForm,
)
from .models import Contribution, Statement


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
                "text_de": statement.text_de if statement else "",
                "text_en": statement.text_en if statement else "",
            }
        ),
        "hide": ReasonForm(),
    }
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            done = _act(request, contribution, statement, action, forms)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            done = False
        if done:
            messages.success(request, done)
            return redirect("contributions_moderate", pk=contribution.pk)
    context = {
        "contribution": contribution,
        "statement": statement,
        "history": contribution.history.select_related("actor", "expert_group"),
        "reports": Report.objects.filter(
            Q(contribution=contribution) | Q(comment__contribution=contribution)
        ).select_related("comment"),
        "comments": Comment.objects.filter(contribution=contribution).select_related(
            "parent"
        ),
        "forms": forms,
        "can_moderate": rules.can_moderate(user),
        "can_publish_statements": rules.can_publish_statements(user),
        "public_url": contribution.get_absolute_url() if contribution.is_public else "",
        "subscriber_count": contribution.subscriptions.exclude(
            confirmed_at=None
        ).count(),
    }
    return TemplateResponse(request, "contributions/admin/moderate.html", context)


def _act(request, contribution, statement, action, forms) -> str | None:
    """Carry out one action; a message on success, None if a form had errors."""
    user = request.user
    moderator_actions = {
        "publish",
        "reject",
        "edit",
        "merge",
        "forward",
        "hide",
        "resolve",
    }
    if action in moderator_actions and not rules.can_moderate(user):
        raise PermissionDenied
    if action == "publish":
        services.contribution_publish(contribution=contribution, actor=user)
        return _("Published.")
    if action == "reject":
        form = forms["reject"] = RejectForm(request.POST)
        if form.is_valid():
            services.contribution_reject(
                contribution=contribution,
                reason=form.cleaned_data["reason"],
                actor=user,
            )
            return _("Rejected; the author sees the reason.")
    elif action == "edit":
        form = forms["edit"] = EditForm(request.POST)
        if form.is_valid():
            services.contribution_edit(
                contribution=contribution, actor=user, **form.cleaned_data
            )
            return _("Saved, with the public note.")
    elif action == "merge":
        form = forms["merge"] = MergeForm(request.POST)
        if form.is_valid():
            target = Contribution.objects.filter(pk=form.cleaned_data["target"]).first()
            if target is None:
                form.add_error(
                    "target", _("There is no contribution with this number.")
                )
                return None
            services.contribution_merge(
                duplicate=contribution, target=target, actor=user
            )
            return _("Merged.")
    elif action == "forward":
        form = forms["forward"] = ForwardForm(
            request.POST, process=contribution.process
        )
        if form.is_valid():
            services.contribution_forward(
                contribution=contribution,
                actor=user,
                expert_group=form.cleaned_data["expert_group"],
            )
            return _("Forwarded to the expert group.")
    elif action in {"draft_statement", "publish_statement"}:
        form = forms["statement"] = StatementForm(request.POST)
        if form.is_valid():
            statement = services.statement_draft(
                contribution=contribution,
                outcome=form.cleaned_data["outcome"],
                text=form.cleaned_data["text_de"],
                translations={"en": form.cleaned_data["text_en"]},
                actor=user,
            )
            if action == "publish_statement":
                services.statement_publish(statement=statement, actor=user)
                return _("Statement published.")
            return _("Statement saved as a draft.")
    elif action == "hide":
        comment = get_object_or_404(
            Comment, pk=request.POST.get("comment"), contribution=contribution
        )
        form = ReasonForm(request.POST)
        form.is_valid()
        comment_hide(comment=comment, reason=form.cleaned_data.get("reason", ""))
        return _("Comment hidden.")
    elif action == "resolve":
        report = get_object_or_404(Report, pk=request.POST.get("report"))
        report_resolve(
            report=report, resolution=request.POST.get("resolution", ""), actor=user
        )
        return _("Report closed.")
    else:
        raise PermissionDenied
    return None


def offline_create(request, process_id: int):
    """Enter input collected on paper or at an event; it is published at once."""
    if not rules.can_moderate(request.user):
        raise PermissionDenied
    process = get_object_or_404(Process, pk=process_id)
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
    if not rules.can_moderate(request.user):
        raise PermissionDenied
    process = get_object_or_404(Process, pk=process_id)
    stats = selectors.contribution_statistics(process)
    tables = [
        (_("By field of action"), stats["field"]),
        (_("By kind"), stats["kind"]),
        (_("By language"), stats["language"]),
        (_("By moderation"), stats["moderation"]),
        (_("By processing"), stats["processing"]),
        (_("By outcome of published statements"), stats["outcome"]),
        (_("By week received"), stats["week"]),
    ]
    tables = [
        (
            title,
            [
                (label, n, round(100 * n / max(n for _l, n in rows)))
                for label, n in rows
            ],
        )
        for title, rows in tables
        if rows
    ]
    return TemplateResponse(
        request,
        "contributions/admin/statistics.html",
        {"process": process, "total": stats["total"], "tables": tables},
    )


def export(request, process_id: int, file_format: str):
    """All contributions of a process as CSV or XLSX; formulas neutralised."""
    if not rules.can_moderate(request.user):
        raise PermissionDenied
    process = get_object_or_404(Process, pk=process_id)
    header, rows = selectors.contributions_for_export(
        process,
        with_personal_data=request.user.has_perm("contributions.change_contribution"),
    )
    filename = f"{process.slug}-contributions"
    if file_format == "xlsx":
        return exports.xlsx_response(filename, _("Contributions"), header, rows)
    return exports.csv_response(filename, header, rows)
