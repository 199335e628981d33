"""Reports of abuse and how moderators close them."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Report

# One report per client and item a day; the key is the daily-rotating client hash.
REPORT_DEDUPE_SECONDS = 24 * 3600


def report_add(
    *, reason: str, explanation: str = "", client: str, contribution=None, comment=None
):
    """File a report. Returns None when this client reported the same item today."""
    target = contribution or comment
    if target is None or (contribution is not None and comment is not None):
        raise ValidationError(_("Report one contribution or one comment."))
    kind = "contribution" if contribution is not None else "comment"
    if not cache.add(f"report:{kind}:{target.pk}:{client}", 1, REPORT_DEDUPE_SECONDS):
        return None
    report = Report(
        contribution=contribution,
        comment=comment,
        reason=reason,
        explanation=explanation.strip(),
    )
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_resolve(*, report: Report, resolution: str, actor) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    report.resolved_at = timezone.now()
    report.resolved_by = actor
    report.resolution = resolution.strip()
    report.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    return report
