"""Abuse reports on the staff screen of a contribution: the reports on it and on
its comments, each closed with what was done (contributions/extending.py)."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from mitplan.contributions.extending import StaffSection
from mitplan.contributions.staff_actions import StaffAction

from . import services
from .forms import CloseReportForm
from .models import Report


def reports_on(contribution) -> list[Report]:
    return list(
        Report.objects.filter(
            Q(contribution=contribution) | Q(comment__contribution=contribution)
        ).select_related("comment")
    )


class CloseReport(StaffAction):
    name = "resolve"
    form_class = CloseReportForm

    def run(self, request, contribution, form):
        report = get_object_or_404(
            Report.objects.filter(
                Q(contribution=contribution) | Q(comment__contribution=contribution)
            ),
            pk=form.cleaned_data["report"],
        )
        services.report_resolve(
            report=report,
            resolution=form.cleaned_data["resolution"],
            actor=request.user,
        )
        return _("Abuse report closed.")


SECTION = StaffSection(
    name="reports",
    template="moderation/admin/staff_section.html",
    context=lambda request, contribution, forms: {"reports": reports_on(contribution)},
    order=10,
)


def close_reports_on_hidden_comment(sender, *, comment, reason, actor, **kwargs):
    """Hiding a comment is the answer to the abuse reports on it: close them,
    saying so; the number of reports closed goes back to the sender."""
    return services.reports_close(
        Report.objects.filter(comment=comment),
        resolution=reason or _("Comment hidden."),
        actor=actor,
    )
