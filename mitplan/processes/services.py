"""Changes to a process's status. Each is one transaction and leaves a public
timeline entry, so residents can see when and why the process stopped and went on.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from mitplan.core.i18n import site_languages, texts_of, texts_set

from .models import Phase, Process, StatusChange

# Which status may follow which.
ALLOWED_TRANSITIONS = {
    Process.Status.PLANNED: {Process.Status.ACTIVE},
    Process.Status.ACTIVE: {Process.Status.PAUSED, Process.Status.COMPLETED},
    Process.Status.PAUSED: {Process.Status.ACTIVE, Process.Status.COMPLETED},
    Process.Status.COMPLETED: set(),
}


# A public notice shows on every page of the process: a few sentences, not an article.
NOTICE_MAX_LENGTH = 1000


def notice_check(notice: dict[str, str]) -> None:
    """Refuse a notice too long for the box on every page, naming the language."""
    names = dict(settings.LANGUAGES)
    errors = [
        ValidationError(
            _(
                "The notice in %(language)s has %(count)d characters; at most "
                "%(max)d fit. Shorten it and link to a page for the details."
            )
            % {
                "language": names[code],
                "count": len(text.strip()),
                "max": NOTICE_MAX_LENGTH,
            },
            code="notice_too_long",
        )
        for code, text in notice.items()
        if code in names and len((text or "").strip()) > NOTICE_MAX_LENGTH
    ]
    if errors:
        raise ValidationError(errors)


def _translated_kwargs(field: str, texts: dict[str, str]) -> dict[str, str]:
    """{"de": "…", "en": "…"} → {"notice_de": "…", "notice_en": "…"} for known languages."""
    codes = set(site_languages())
    return {
        f"{field}_{code}": text.strip() for code, text in texts.items() if code in codes
    }


def _change_status(
    *,
    process: Process,
    status: str,
    notice: dict[str, str],
    user,
    at,
    shifted_days=None,
) -> StatusChange:
    if status not in ALLOWED_TRANSITIONS[Process.Status(process.status)]:
        raise ValidationError(
            _("A process that is %(current)s cannot become %(new)s.")
            % {
                "current": process.get_status_display(),
                "new": Process.Status(status).label,
            },
            code="invalid_transition",
        )
    notice_check(notice)
    change = StatusChange(
        process=process,
        status=status,
        changed_at=at,
        changed_by=user,
        shifted_phases_by_days=shifted_days,
        **_translated_kwargs("notice", notice),
    )
    change.save()
    process.status = status
    process.status_changed_at = at
    # The process notice mirrors the newest change's notice in every language.
    texts_set(process, "status_notice", texts_of(change, "notice"))
    process.save()
    return change


@transaction.atomic
def process_start(*, process: Process, user=None, notice: dict[str, str] | None = None):
    process = Process.objects.select_for_update().get(pk=process.pk)
    return _change_status(
        process=process,
        status=Process.Status.ACTIVE,
        notice=notice or {},
        user=user,
        at=timezone.now(),
    )


@transaction.atomic
def process_pause(
    *, process: Process, notice: dict[str, str], user=None
) -> StatusChange:
    """Pause with a public reason; the German reason is required."""
    if not (notice.get(settings.LANGUAGE_CODE) or "").strip():
        raise ValidationError(
            _("Say publicly why the process is paused."), code="notice_required"
        )
    process = Process.objects.select_for_update().get(pk=process.pk)
    return _change_status(
        process=process,
        status=Process.Status.PAUSED,
        notice=notice,
        user=user,
        at=timezone.now(),
    )


@dataclass(frozen=True)
class PhaseShift:
    phase: Phase
    starts_on: date
    ends_on: date | None


def pause_length_days(process: Process, *, today: date | None = None) -> int:
    """Whole days since the running pause began (0 if not paused)."""
    if not process.is_paused:
        return 0
    today = today or timezone.localdate()
    paused_on = timezone.localdate(process.status_changed_at)
    return max((today - paused_on).days, 0)


def phases_to_shift(process: Process, *, days: int) -> list[PhaseShift]:
    """What resuming with a shift would do: phases not over when the pause began
    move by `days`; a phase that was running keeps its start and ends later."""
    paused_on = timezone.localdate(process.status_changed_at)
    delta = timedelta(days=days)
    shifts = []
    for phase in process.phases.all():
        if phase.ends_on is not None and phase.ends_on < paused_on:
            continue
        starts_on = (
            phase.starts_on if phase.starts_on <= paused_on else phase.starts_on + delta
        )
        ends_on = phase.ends_on + delta if phase.ends_on else None
        shifts.append(PhaseShift(phase=phase, starts_on=starts_on, ends_on=ends_on))
    return shifts


@transaction.atomic
def process_resume(
    *,
    process: Process,
    shift_phases: bool,
    notice: dict[str, str] | None = None,
    user=None,
) -> StatusChange:
    """Resume a paused process; optionally move the remaining phases by the pause's length."""
    process = Process.objects.select_for_update().get(pk=process.pk)
    if not process.is_paused:
        raise ValidationError(
            _("Only a paused process can be resumed."), code="not_paused"
        )
    days = pause_length_days(process) if shift_phases else None
    if days:
        for shift in phases_to_shift(process, days=days):
            shift.phase.starts_on = shift.starts_on
            shift.phase.ends_on = shift.ends_on
            shift.phase.save(update_fields=["starts_on", "ends_on"])
    return _change_status(
        process=process,
        status=Process.Status.ACTIVE,
        notice=notice or {},
        user=user,
        at=timezone.now(),
        shifted_days=days,
    )


@transaction.atomic
def process_complete(
    *, process: Process, notice: dict[str, str] | None = None, user=None
):
    process = Process.objects.select_for_update().get(pk=process.pk)
    return _change_status(
        process=process,
        status=Process.Status.COMPLETED,
        notice=notice or {},
        user=user,
        at=timezone.now(),
    )


NOTICE_CORRECTED = "mitplan.processes.notice_corrected"


def notice_translations_left_behind(
    before: dict[str, str], after: dict[str, str]
) -> list[str]:
    """Languages whose notice still says what it said before, although the German
    source was corrected: readers in them would read the old, now untrue text."""
    source = settings.LANGUAGE_CODE
    if (before.get(source) or "").strip() == (after.get(source) or "").strip():
        return []
    return [
        code
        for code in site_languages()
        if code != source
        and (after.get(code) or "").strip()
        and (after.get(code) or "").strip() == (before.get(code) or "").strip()
    ]


@transaction.atomic
def status_notice_correct(
    *, change: StatusChange, notice: dict[str, str], user=None
) -> StatusChange:
    """Correct the public notice of a published status change (a typo, a wrong
    date). The newest change's notice is also the one on every page, so the process
    follows; the old and new German text go to Wagtail's log with who changed it."""
    notice_check(notice)
    if (
        change.status == Process.Status.PAUSED
        and not (notice.get(settings.LANGUAGE_CODE) or "").strip()
    ):
        raise ValidationError(
            _("Say publicly why the process is paused."), code="notice_required"
        )
    process = Process.objects.select_for_update().get(pk=change.process_id)
    change = StatusChange.objects.select_for_update().get(pk=change.pk)
    before = change.notice_de or ""
    for field, value in _translated_kwargs("notice", notice).items():
        setattr(change, field, value)
    change.save()
    newest = process.status_changes.order_by("-changed_at", "-pk").first()
    if newest and newest.pk == change.pk:
        texts_set(process, "status_notice", texts_of(change, "notice"))
        process.save()
    log(
        instance=process,
        action=NOTICE_CORRECTED,
        user=user,
        data={
            "status_change": change.pk,
            "status": change.status,
            "before": before,
            "after": change.notice_de or "",
        },
    )
    return change
