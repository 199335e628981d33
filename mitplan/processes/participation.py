"""What residents can do online right now: send contributions, comment, support.

Each phase says what it allows; what is open is what the running phases allow
together. A planned or completed process allows nothing. While a process is paused,
phases with an end date are on hold, and an open-ended one (like "online
participation" in the model case, which went on through the pandemic) goes on.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Phase, Process

FEATURES = ("contributions", "comments", "supports")


def phase_state(process: Process, phase: Phase, today: date) -> str:
    """'past', 'current', 'upcoming', or 'on_hold' for a dated phase that was not
    over when the running pause began."""
    if process.is_paused:
        paused_on = timezone.localdate(process.status_changed_at)
        if phase.ends_on is not None and phase.ends_on >= paused_on:
            return "on_hold"
    return phase.state_on(today)


@dataclass(frozen=True)
class Participation:
    contributions: bool
    comments: bool
    supports: bool
    # Why something is closed, in the reader's language ("" when all is open).
    closed_reason: str = ""

    @property
    def is_open(self) -> bool:
        return self.contributions or self.comments or self.supports


def participation(process: Process, *, today: date | None = None) -> Participation:
    """Reads the process's phases (prefetch them: no query of its own)."""
    today = today or timezone.localdate()
    phases = list(process.phases.all())
    if process.status == Process.Status.COMPLETED:
        return _closed(_("The process is completed: you can still read everything."))
    if process.status == Process.Status.PLANNED:
        return _closed(_("The process has not started yet."))
    running = [p for p in phases if phase_state(process, p, today) == "current"]
    allowed = {
        feature: any(getattr(p, f"accepts_{feature}") for p in running)
        for feature in FEATURES
    }
    reason = ""
    closed = [feature for feature, is_open in allowed.items() if not is_open]
    on_hold = [p for p in phases if phase_state(process, p, today) == "on_hold"]
    if closed and any(getattr(p, f"accepts_{f}") for p in on_hold for f in closed):
        # Its dates move when the process resumes, so no date can be promised.
        reason = _("The process is paused: this opens again when it resumes.")
    elif closed:
        upcoming = sorted(
            (
                p
                for p in phases
                if phase_state(process, p, today) == "upcoming"
                and any(getattr(p, f"accepts_{f}") for f in FEATURES)
            ),
            key=lambda p: p.starts_on,
        )
        if upcoming:
            reason = _(
                "In the current phase of the process this is closed; it opens again on %(date)s."
            ) % {"date": date_format(upcoming[0].starts_on, "DATE_FORMAT")}
        else:
            reason = _("In the current phase of the process this is closed.")
    return Participation(**allowed, closed_reason=reason)


def _closed(reason: str) -> Participation:
    return Participation(
        contributions=False, comments=False, supports=False, closed_reason=reason
    )


class ActionClosed(ValidationError):
    """A resident action that the process's running phases do not allow now."""


def require_open(process: Process, feature: str) -> None:
    """The gate of every resident action, called by the services (so views, the API
    and anything later share it): raises ActionClosed, saying why, when the running
    phases do not allow `feature` ("contributions", "comments", "supports")."""
    if feature not in FEATURES:
        raise ValueError(f"Unknown resident action {feature!r}.")
    now = participation(process)
    if not getattr(now, feature):
        raise ActionClosed(now.closed_reason, code="closed")
