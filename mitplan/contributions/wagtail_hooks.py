"""Staff screens: the contributions list (moderators see all, expert-group members
their group's), each contribution's moderation screen, offline input. The
"Moderation" menu that holds the list is moderation's (with the abuse reports)."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, ButtonWithDropdown, HeaderButton

from mitplan.core.admin_views import NoAddIndexView, RedirectToIndex
from mitplan.processes.models import Process

from . import admin_views, rules
from .models import Contribution, HistoryEntry
from .services import LOG_PREFIX, LOG_STATEMENT_CHANGED, LOG_STATEMENT_DRAFTED


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

    def get_edit_url(self, instance):
        # Everyone who sees a row here may open its moderation screen (expert-group
        # members to write their statement): Wagtail links only for "change".
        if rules.can_see_internal(self.request.user, instance):
            return reverse("contributions_moderate", args=[instance.pk])
        return None

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


# A hook whose functions take the user and return more dashboard items:
# {"count", "icon", "url", "text"} (the text says the count in words).
WAITING_WORK_HOOK = "mitplan_waiting_work"


class WaitingWorkPanel(Component):
    """The dashboard's answer to "what waits for me?": for moderators the contributions
    to moderate (and what other apps add: the open abuse reports), for expert-group
    members their group's contributions that wait for a statement. Each number links
    to its list."""

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
        # What other apps add (moderation: open abuse reports), Wagtail's own way:
        # a hook, so this app imports none of them.
        for waiting_work in hooks.get_hooks(WAITING_WORK_HOOK):
            items.extend(waiting_work(self.user))
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
    actions.register_action(
        LOG_STATEMENT_DRAFTED, _("Statement drafted"), _("Statement drafted")
    )
    actions.register_action(
        LOG_STATEMENT_CHANGED,
        _("Published statement changed"),
        _("Published statement changed"),
    )
