"""Who may do what with surveys (django-rules, composed of processes/rules.py).

Residents answer while the survey is open (its own dates, and a running phase of
the process allows "surveys"; a pause keeps a survey open unless staff close it, as
the model case's survey went on through the pandemic). Process owners edit surveys,
read and export responses, enter paper questionnaires and pick quotes."""

import rules
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mitplan.processes.models import Process
from mitplan.processes.participation import participation, phase_state
from mitplan.processes.rules import holds, owner_may

manages = owner_may("surveys.change_survey")
reads_responses = owner_may("surveys.view_response")
enters_paper = owner_may("surveys.add_response")

rules.add_rule("surveys.manage", manages)
rules.add_rule("surveys.read_responses", reads_responses)
rules.add_rule("surveys.enter_paper", enters_paper)


def can_manage(user, process=None) -> bool:
    return holds("surveys.manage", user, process)


def closed_reason(survey, *, now=None) -> str:
    """Why a resident cannot answer now ("" while the survey is open), in the
    active language. Read the process with its phases prefetched."""
    now = now or timezone.now()
    if not survey.has_opened(now):
        return _("This survey opens on %(date)s.") % {
            "date": date_format(timezone.localtime(survey.opens_at), "DATE_FORMAT")
        }
    if survey.is_over(now):
        return _("This survey is closed. Thank you to everyone who took part.")
    process = survey.process
    now_open = participation(process, today=timezone.localdate(now))
    if now_open.allows("surveys"):
        return ""
    if process.status == Process.Status.PAUSED and any(
        "surveys" in phase.actions
        and phase_state(process, phase, timezone.localdate(now)) == "on_hold"
        for phase in process.phases.all()
    ):
        return ""  # paused: the survey goes on
    return now_open.closed_reason or _("This survey is closed.")


def is_open(survey, *, now=None) -> bool:
    return not closed_reason(survey, now=now)
