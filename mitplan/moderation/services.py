"""Reports of abuse and how moderators close them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from mitplan.core.audit import acting_account
from mitplan.processes.rules import require

from .models import Report


def report_add(*, reason: str, explanation: str = "", contribution=None, comment=None):
    """File a report. (How often one network address may report one item is the
    caller's limit: mitplan.core.ratelimits, checked before this runs.)"""
    target = contribution or comment
    if target is None or (contribution is not None and comment is not None):
        raise ValidationError(_("Report one contribution or one comment."))
    report = Report(
        contribution=contribution,
        comment=comment,
        reason=reason,
        explanation=explanation.strip(),
    )
    report.full_clean()
    report.save()
    return report


LOG_CLOSED = "mitplan.report.closed"


@transaction.atomic
def report_resolve(*, report: Report, resolution: str, actor) -> Report:
    require("moderation.close_report", actor)
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.resolved_at is None:  # a correction of the measure keeps who and when
        report.resolved_at = timezone.now()
        report.resolved_by = acting_account(actor)
    report.resolution = resolution.strip()[:300]
    report.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    log(
        report,
        LOG_CLOSED,
        user=acting_account(actor),
        data={"resolution": report.resolution},
    )
    return report


def reports_close(reports, *, resolution: str, actor=None) -> int:
    """Close the open ones among `reports` with one resolution (when the reported
    comment was hidden, say), each with its entry in the audit log."""
    open_reports = list(reports.filter(resolved_at__isnull=True))
    for report in open_reports:
        report.resolved_at = timezone.now()
        report.resolved_by = acting_account(actor)
        report.resolution = resolution.strip()[:300]
        report.save(update_fields=["resolved_at", "resolved_by", "resolution"])
        log(
            report,
            LOG_CLOSED,
            user=acting_account(actor),
            data={"resolution": report.resolution},
        )
    return len(open_reports)
