"""What residents can do online right now: the actions the apps declared
(processes.actions: send contributions, comment, support, …).

Each phase says which actions it allows; what is open is what the running phases
allow together. A planned or completed process allows nothing. While a process is paused,
phases with an end date are on hold, and an open-ended one (like "online
participation" in the model case, which went on through the pandemic) goes on.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import actions
from .models import Phase, Process


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
    """The actions open now; each declared action reads as an attribute
    (`participation.comments`), as templates and the API ask."""

    open_actions: frozenset
    # Why something is closed, in the reader's language ("" when all is open).
    closed_reason: str = ""

    def allows(self, code: str) -> bool:
        return code in self.open_actions

    def __getattr__(self, name):
        if name in actions.codes():
            return name in self.open_actions
        raise AttributeError(name)

    @property
    def is_open(self) -> bool:
        return bool(self.open_actions)


def participation(process: Process, *, today: date | None = None) -> Participation:
    """Reads the process's phases (prefetch them: no query of its own)."""
    today = today or timezone.localdate()
    phases = list(process.phases.all())
    if process.status == Process.Status.COMPLETED:
        return _closed(_("The process is completed: you can still read everything."))
    if process.status == Process.Status.PLANNED:
        return _closed(_("The process has not started yet."))
    declared = set(actions.codes())
    running = [p for p in phases if phase_state(process, p, today) == "current"]
    allowed = {code for p in running for code in p.actions} & declared
    reason = ""
    closed = declared - allowed
    on_hold = [p for p in phases if phase_state(process, p, today) == "on_hold"]
    if closed and any(closed & set(p.actions) for p in on_hold):
        # Its dates move when the process resumes, so no date can be promised.
        reason = _("The process is paused: this opens again when it resumes.")
    elif closed:
        upcoming = sorted(
            (
                p
                for p in phases
                if phase_state(process, p, today) == "upcoming"
                and declared & set(p.actions)
            ),
            key=lambda p: p.starts_on,
        )
        if upcoming:
            reason = _(
                "In the current phase of the process this is closed; it opens again on %(date)s."
            ) % {"date": date_format(upcoming[0].starts_on, "DATE_FORMAT")}
        else:
            reason = _("In the current phase of the process this is closed.")
    return Participation(frozenset(allowed), closed_reason=reason)


def _closed(reason: str) -> Participation:
    return Participation(frozenset(), closed_reason=reason)


class ActionClosed(ValidationError):
    """A resident action that the process's running phases do not allow now."""


def require_open(process: Process, feature: str) -> None:
    """The gate of every resident action, called by the services (so views, the API
    and anything later share it): raises ActionClosed, saying why, when the running
    phases do not allow `feature` (a declared action: "contributions", …)."""
    if feature not in actions.codes():
        raise ValueError(f"Unknown resident action {feature!r}.")
    now = participation(process)
    if not now.allows(feature):
        raise ActionClosed(now.closed_reason, code="closed")
