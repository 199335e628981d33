"""Staff screens of moderation: the abuse reports, and the "Moderation" menu that
holds them beside the contributions list (contributions' screen)."""

import django_filters
from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from mitplan.contributions.wagtail_hooks import WAITING_WORK_HOOK, ContributionViewSet
from mitplan.core.admin_views import NoAddIndexView, RedirectToIndex

from .models import Report
from .services import LOG_CLOSED, report_resolve


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
    """What was reported, in full and with links to it, above the measure that
    closes the report (who and when), as closing it on the contribution's
    moderation screen does. Saving needs a measure; a closed report keeps who
    closed it and when."""

    template_name = "moderation/admin/report_edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        contribution = report.contribution or report.comment.contribution
        context["reported_contribution"] = contribution
        context["public_url"] = (
            contribution.get_absolute_url() if contribution.is_public else ""
        )
        return context

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["resolution"].required = True
        return form

    def save_instance(self):
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
    # What was reported and why is shown above the form (ReportEditView).
    panels = [FieldPanel("resolution")]


class ModerationGroup(ViewSetGroup):
    menu_label = _("Moderation")
    menu_icon = "comment"
    menu_order = 140
    items = (ContributionViewSet, ReportViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return ModerationGroup()


@hooks.register(WAITING_WORK_HOOK)
def open_reports(user):
    """The dashboard's count of open abuse reports, for who may see them."""
    if not user.has_perm("moderation.view_report"):
        return []
    count = Report.objects.filter(resolved_at=None).count()
    return [
        {
            "count": count,
            "icon": "warning",
            "url": reverse("reports:index") + "?status=open",
            "text": ngettext(
                "%(counter)s open abuse report", "%(counter)s open abuse reports", count
            )
            % {"counter": count},
        }
    ]


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    actions.register_action(
        LOG_CLOSED, _("Abuse report closed"), _("Abuse report closed")
    )
