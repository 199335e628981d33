"""Staff screens: the contributions list (moderators see all, expert-group members
their group's), each contribution's moderation screen, offline input, reports."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from mitplan.moderation.models import Report
from mitplan.processes.models import Process

from . import admin_views, rules
from .models import Contribution


class ContributionIndexView(IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("field_of_action")
        if rules.can_moderate(self.request.user):
            return queryset
        return queryset.filter(
            expert_group_id__in=rules.expert_group_ids(self.request.user)
        )

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if rules.can_moderate(self.request.user):
            for process in Process.objects.all():
                buttons += [
                    HeaderButton(
                        _("Enter offline input: %(process)s") % {"process": process},
                        url=reverse("contributions_offline_create", args=[process.pk]),
                        icon_name="plus",
                    ),
                    HeaderButton(
                        _("Statistics"),
                        url=reverse("contributions_statistics", args=[process.pk]),
                        icon_name="table",
                    ),
                    HeaderButton(
                        "CSV",
                        url=reverse("contributions_export", args=[process.pk, "csv"]),
                        icon_name="download",
                    ),
                    HeaderButton(
                        "XLSX",
                        url=reverse("contributions_export", args=[process.pk, "xlsx"]),
                        icon_name="download",
                    ),
                ]
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
    add_view_enabled = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "title",
        "field_of_action",
        "kind",
        "moderation_state",
        "processing_state",
        "language",
        "support_count",
        "created_at",
    ]
    list_filter = [
        "moderation_state",
        "processing_state",
        "kind",
        "language",
        "field_of_action",
    ]
    search_fields = ["title", "text"]
    form_fields = ["title"]


class ReportIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("contribution", "comment")


class ReportViewSet(ModelViewSet):
    model = Report
    name = "reports"
    url_prefix = "participation/reports"
    icon = "warning"
    menu_label = _("Reports")
    index_view_class = ReportIndexView
    add_view_enabled = False
    copy_view_enabled = False
    list_display = ["__str__", "reason", "contribution", "comment", "resolved_at"]
    list_filter = ["reason", "resolved_at"]
    form_fields = ["resolution"]


class ModerationGroup(ViewSetGroup):
    menu_label = _("Moderation")
    menu_icon = "comment"
    menu_order = 140
    items = (ContributionViewSet, ReportViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ModerationGroup()


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
