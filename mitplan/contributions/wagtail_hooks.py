"""Staff screens: the contributions list (moderators see all, expert-group members
their group's), each contribution's moderation screen, offline input, reports."""

import django_filters
from django import forms
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, ButtonWithDropdown, HeaderButton

from mitplan.moderation.models import Report
from mitplan.processes.models import Process

from . import admin_views, rules
from .models import Contribution, HistoryEntry
from .services import LOG_PREFIX


class NoAddIndexView(IndexView):
    """Residents send contributions and reports; staff never add them here (offline
    input has its own screen). Wagtail's viewsets have no switch for that."""

    def get_add_url(self):
        return None


class RedirectToIndex(CreateView):
    def dispatch(self, request, *args, **kwargs):
        return redirect(self.index_url_name)


def _isolated_title(contribution) -> str:
    """A resident's title in any script, isolated so it cannot reorder the row."""
    return format_html(
        '<bdi lang="{}" dir="auto">{}</bdi>', contribution.language, contribution.title
    )


class ContributionIndexView(NoAddIndexView):
    def _get_title_column(self, field_name, *args, **kwargs):
        kwargs.setdefault("accessor", _isolated_title)
        return super()._get_title_column(field_name, *args, **kwargs)

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("field_of_action")
        if rules.can_moderate(self.request.user):
            return queryset
        return queryset.filter(
            expert_group_id__in=rules.expert_group_ids(self.request.user)
        )

    @cached_property
    def header_buttons(self):
        """Offline input as a button, statistics and exports in a labelled dropdown:
        short labels, so everything stays reachable in a 1280 px wide window."""
        buttons = list(super().header_buttons)
        if not rules.can_moderate(self.request.user):
            return buttons
        processes = list(Process.objects.order_by("pk"))
        several = len(processes) > 1

        def label(text, process):
            if several:
                return _("%(action)s: %(process)s") % {
                    "action": text,
                    "process": process,
                }
            return text

        offline = [
            Button(
                label(_("Enter offline input"), process),
                url=reverse("contributions_offline_create", args=[process.pk]),
                icon_name="plus",
                priority=index,
            )
            for index, process in enumerate(processes)
        ]
        if len(offline) == 1:
            buttons.append(
                HeaderButton(
                    offline[0].label, url=offline[0].url, icon_name="plus", priority=10
                )
            )
        elif offline:
            buttons.append(
                ButtonWithDropdown(
                    label=_("Enter offline input"),
                    buttons=offline,
                    icon_name="plus",
                    classname="w-header-button button",
                    priority=10,
                )
            )
        reports = []
        for index, process in enumerate(processes):
            priority = 10 * index
            reports += [
                Button(
                    label(_("Statistics"), process),
                    url=reverse("contributions_statistics", args=[process.pk]),
                    icon_name="table",
                    priority=priority,
                ),
                Button(
                    label(_("Export CSV"), process),
                    url=reverse("contributions_export", args=[process.pk, "csv"]),
                    icon_name="download",
                    priority=priority + 1,
                ),
                Button(
                    label(_("Export XLSX"), process),
                    url=reverse("contributions_export", args=[process.pk, "xlsx"]),
                    icon_name="download",
                    priority=priority + 2,
                ),
            ]
        if reports:
            buttons.append(
                ButtonWithDropdown(
                    label=_("Statistics and export"),
                    buttons=reports,
                    icon_name="arrow-down",
                    classname="w-header-button button button-secondary",
                    priority=20,
                )
            )
        return buttons


class ContributionModerateRedirect(EditView):
    """Contributions change only through the moderation screen (and its services)."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("contributions_moderate", pk=kwargs["pk"])


class ContributionViewSet(ModelViewSet):
    model = Contribution
    name = "contributions"
    url_prefix = "participation/contributions"
    icon = "comment"
    menu_label = _("Contributions")
    index_view_class = ContributionIndexView
    edit_view_class = ContributionModerateRedirect
    add_view_class = RedirectToIndex
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "title",
        "field_of_action",
        "kind",
        "moderation_state",
        "processing_state",
        Column(
            "language",
            label=_("Language"),
            accessor=lambda contribution: admin_views.language_name(
                contribution.language
            ),
            sort_key="language",
        ),
        "support_count",
        "created_at",
    ]
    list_filter = [
        "moderation_state",
        "processing_state",
        "kind",
        "language",
        "field_of_action",
        "expert_group",
    ]
    search_fields = ["title", "text"]
    form_fields = ["title"]


def _isolated_report_target(field_name):
    """The reported contribution's title or comment's text, isolated (see above)."""

    def accessor(report):
        target = getattr(report, field_name)
        if target is None and field_name == "contribution" and report.comment:
            target = report.comment.contribution  # the one the comment is under
        if target is None:
            return ""
        text = target.title if field_name == "contribution" else target.text
        shown = text if len(text) <= 120 else text[:119].rsplit(" ", 1)[0] + " …"
        return format_html('<bdi lang="{}" dir="auto">{}</bdi>', target.language, shown)

    return accessor


class ReportIndexView(NoAddIndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("contribution", "comment", "comment__contribution")
        )

    def _get_custom_column(self, field_name, *args, **kwargs):
        if field_name in ("contribution", "comment"):
            kwargs.setdefault("accessor", _isolated_report_target(field_name))
        return super()._get_custom_column(field_name, *args, **kwargs)


class ReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("open", _("Open")), ("closed", _("Closed"))],
        empty_label=_("All"),
        method="filter_status",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Report
        fields = ["reason"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(resolved_at__isnull=value == "open")


class ReportEditView(EditView):
    """Saving the measure taken closes the report (who and when), as closing it
    on the contribution's moderation screen does."""

    def save_instance(self):
        from mitplan.moderation.services import report_resolve

        report = self.form.save(commit=False)
        return report_resolve(
            report=report, resolution=report.resolution, actor=self.request.user
        )


class ReportViewSet(ModelViewSet):
    model = Report
    name = "reports"
    url_prefix = "participation/reports"
    icon = "warning"
    # Not "Reports": Wagtail's own menu already has an entry of that name.
    menu_label = _("Abuse reports")
    index_view_class = ReportIndexView
    add_view_class = RedirectToIndex
    copy_view_enabled = False
    list_display = ["__str__", "reason", "contribution", "comment", "resolved_at"]
    filterset_class = ReportFilterSet
    edit_view_class = ReportEditView
    # What was reported and why, beside the measure that closes it.
    panels = [
        FieldPanel("contribution", read_only=True),
        FieldPanel("comment", read_only=True),
        FieldPanel("reason", read_only=True),
        FieldPanel("explanation", read_only=True),
        FieldPanel("resolution"),
    ]


class ModerationGroup(ViewSetGroup):
    menu_label = _("Moderation")
    menu_icon = "comment"
    menu_order = 140
    items = (ContributionViewSet, ReportViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ModerationGroup()


class WaitingWorkPanel(Component):
    """The dashboard's answer to "what waits for me?": for moderators the contributions
    to moderate and the open abuse reports, for expert-group members their group's
    contributions that wait for a statement. Each number links to its list."""

    name = "contributions_waiting_work"
    template_name = "contributions/admin/dashboard_panel.html"
    order = 50  # above Wagtail's own panels

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        items = []
        contributions_url = reverse("contributions:index")
        if rules.can_moderate(self.user):
            items.append(
                {
                    "count": Contribution.objects.filter(
                        moderation_state=Contribution.Moderation.PENDING
                    ).count(),
                    "kind": "pending",
                    "icon": "comment",
                    "url": f"{contributions_url}?moderation_state="
                    f"{Contribution.Moderation.PENDING}",
                }
            )
            if self.user.has_perm("moderation.view_report"):
                items.append(
                    {
                        "count": Report.objects.filter(resolved_at=None).count(),
                        "kind": "reports",
                        "icon": "warning",
                        "url": reverse("reports:index") + "?status=open",
                    }
                )
        if group_ids := rules.expert_group_ids(self.user):
            query = {
                "moderation_state": Contribution.Moderation.PUBLISHED,
                "processing_state": Contribution.Processing.WITH_EXPERT_GROUP,
            }
            if len(group_ids) == 1:  # moderators would otherwise see every group's
                query["expert_group"] = next(iter(group_ids))
            items.append(
                {
                    "count": Contribution.objects.filter(
                        expert_group_id__in=group_ids,
                        moderation_state=Contribution.Moderation.PUBLISHED,
                        processing_state=Contribution.Processing.WITH_EXPERT_GROUP,
                    ).count(),
                    "kind": "statements",
                    "icon": "edit",
                    "url": f"{contributions_url}?{urlencode(query)}",
                }
            )
        return {"items": items}


@hooks.register("construct_homepage_panels")
def add_waiting_work_panel(request, panels):
    user = request.user
    if rules.can_moderate(user) or rules.expert_group_ids(user):
        panels.append(WaitingWorkPanel(user))


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path(
            "participation/contributions/<int:pk>/moderate/",
            admin_views.moderate,
            name="contributions_moderate",
        ),
        path(
            "participation/contributions/statistics/<int:process_id>/",
            admin_views.statistics,
            name="contributions_statistics",
        ),
        path(
            "participation/contributions/export/<int:process_id>.<str:file_format>",
            admin_views.export,
            name="contributions_export",
        ),
        path(
            "participation/contributions/offline/<int:process_id>/",
            admin_views.offline_create,
            name="contributions_offline_create",
        ),
    ]


@hooks.register("register_log_actions")
def register_contribution_log_actions(actions):
    """Every step of a contribution's processing also enters Wagtail's audit log
    (Reports → Site history, and the contribution's history in the admin), with
    who took it. The step names are the public history's own."""
    for step in HistoryEntry.Step:
        actions.register_action(f"{LOG_PREFIX}{step.value}", step.label, step.label)
