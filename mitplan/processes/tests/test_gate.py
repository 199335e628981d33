"""What a phase allows is checked in the services, so every caller (views, the API,
later htmx endpoints) meets the same gate."""

import pytest
from django.core.exceptions import PermissionDenied

from mitplan.comments.services import comment_add
from mitplan.contributions.models import Contribution
from mitplan.contributions.services import contribution_submit, support_add
from mitplan.contributions.tests.factories import ContributionFactory
from mitplan.processes.models import Process
from mitplan.processes.participation import ActionClosed, require_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed():
    """The demo's contribution, in a process that is completed: nothing is open."""
    contribution = ContributionFactory()
    Process.objects.filter(pk=contribution.process_id).update(
        status=Process.Status.COMPLETED
    )
    contribution.process.refresh_from_db()
    return contribution


def test_an_online_contribution_is_refused_when_the_phase_does_not_allow_it(
    completed,
):
    with pytest.raises(ActionClosed) as closed:
        contribution_submit(
            process=completed.process,
            field_of_action=completed.field_of_action,
            kind=Contribution.Kind.IDEA,
            title="Abendkurse",
            text="Sprachkurse am Abend für Eltern, die tagsüber arbeiten.",
            language="de",
        )
    assert closed.value.code == "closed" and closed.value.message  # says why


def test_staff_still_enter_what_came_on_paper(completed, process_owner):
    paper = {
        "process": completed.process,
        "field_of_action": completed.field_of_action,
        "kind": Contribution.Kind.IDEA,
        "title": "Vom Dialogtisch",
        "text": "Mehr Beratung in den Sprachen der Eltern, auch am Samstag.",
        "language": "de",
        "source": Contribution.Source.OFFLINE,
    }
    contribution, _saved = contribution_submit(**paper, entered_by=process_owner)
    assert contribution.pk
    # "Paper" is no way around the gate for anyone else.
    with pytest.raises(PermissionDenied):
        contribution_submit(**{**paper, "title": "Anders"})


def test_comments_and_supports_are_refused_when_closed(completed):
    with pytest.raises(ActionClosed):
        comment_add(contribution=completed, text="Gute Idee!", language="de")
    with pytest.raises(ActionClosed):
        support_add(contribution=completed, token="t" * 32)
    assert completed.comments.count() == 0
    completed.refresh_from_db()
    assert completed.support_count == 0


def test_an_unknown_action_is_a_programming_error(completed):
    with pytest.raises(ValueError, match="Unknown resident action"):
        require_open(completed.process, "dancing")


# --- The matrix: every declared action × the process's state (frozen clock) ---------

TODAY = "2026-06-15"


def _process(status, *, phase_ends):
    import datetime

    from django.utils import timezone

    from mitplan.processes.tests.factories import PhaseFactory, ProcessFactory

    process = ProcessFactory(status=status)
    if status == Process.Status.PAUSED:
        Process.objects.filter(pk=process.pk).update(
            status_changed_at=timezone.make_aware(datetime.datetime(2026, 6, 1))
        )
        process.refresh_from_db()
    PhaseFactory(
        process=process,
        starts_on=datetime.date(2026, 5, 1),
        ends_on=phase_ends,
        actions=["contributions", "supports"],
    )
    return Process.objects.prefetch_related("phases").get(pk=process.pk)


@pytest.mark.parametrize(
    ("status", "phase_ends", "open_codes"),
    [
        (Process.Status.PLANNED, None, set()),
        (Process.Status.ACTIVE, None, {"contributions", "supports"}),
        # A pause holds a dated phase; an open-ended one goes on (the model case's
        # online participation did through the pandemic).
        (Process.Status.PAUSED, "2026-07-31", set()),
        (Process.Status.PAUSED, None, {"contributions", "supports"}),
        (Process.Status.COMPLETED, None, set()),
    ],
)
def test_every_declared_action_opens_exactly_as_the_phase_and_state_say(
    status, phase_ends, open_codes
):
    import datetime

    import time_machine

    from mitplan.processes import actions

    ends = datetime.date.fromisoformat(phase_ends) if phase_ends else None
    with time_machine.travel(TODAY + " 12:00 +0200", tick=False):
        process = _process(status, phase_ends=ends)
        for code in actions.codes():
            if code in open_codes:
                require_open(process, code)
            else:
                with pytest.raises(ActionClosed) as closed:
                    require_open(process, code)
                assert closed.value.message  # always says why


def test_the_actions_are_declared_by_their_apps():
    from mitplan.processes import actions

    assert actions.codes() == [
        "contributions",
        "comments",
        "supports",
        "surveys",
        "events",
    ]
    assert all(str(action.label) for action in actions.declared())


def test_a_phase_refuses_actions_no_app_declared():
    from django.core.exceptions import ValidationError

    from mitplan.processes.tests.factories import PhaseFactory

    phase = PhaseFactory.build(
        process=_process(Process.Status.ACTIVE, phase_ends=None),
        actions=["contributions", "vote"],
    )
    with pytest.raises(ValidationError) as refused:
        phase.full_clean()
    assert "vote" in str(refused.value)
    phase.actions = ["contributions", "contributions"]
    with pytest.raises(ValidationError):
        phase.full_clean()


def test_an_unknown_action_is_a_programming_error_not_a_closed_gate():
    with pytest.raises(ValueError, match="vote"):
        require_open(_process(Process.Status.ACTIVE, phase_ends=None), "vote")


# --- The permission matrix: permissions × process state × role --------------------

RESIDENT_ACTIONS = {
    "contributions.send": "contributions",
    "contributions.support": "supports",
    "comments.comment": "comments",
}
STAFF_PERMISSIONS = [
    "contributions.moderate",
    "contributions.publish_statement",
    "contributions.enter_offline",
    "comments.hide",
    "moderation.close_report",
]
STATES = {
    "planned": (Process.Status.PLANNED, None),
    "running": (Process.Status.ACTIVE, None),
    "paused, dated phase": (Process.Status.PAUSED, "2026-07-31"),
    "paused, open-ended phase": (Process.Status.PAUSED, None),
    "completed": (Process.Status.COMPLETED, None),
}
OPEN_IN = {"running", "paused, open-ended phase"}
ROLES = ["anonymous", "resident", "expert", "owner"]


def _as(role, process):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import AnonymousUser

    from conftest import staff_member
    from mitplan.processes.roles import EXPERT_GROUPS, PROCESS_OWNERS
    from mitplan.processes.tests.factories import (
        ExpertGroupFactory,
        ExpertGroupMemberFactory,
    )

    if role == "anonymous":
        return AnonymousUser()
    if role == "resident":
        return get_user_model().objects.create_user("resident", password="x" * 12)
    if role == "owner":
        return staff_member("owner", PROCESS_OWNERS)
    user = staff_member("expert", EXPERT_GROUPS)
    ExpertGroupMemberFactory(
        group=ExpertGroupFactory(field_of_action__process=process), user=user
    )
    return user


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", list(STATES))
def test_permission_matrix_of_phase_state_and_role(state, role):
    """Every registered permission, in every state of a process, for every role: the
    residents' actions follow the phase (whoever asks), the staff's the role
    (whatever the phase: paper input and moderation go on in a pause)."""
    import datetime

    import time_machine

    from mitplan.processes.models import Phase
    from mitplan.processes.rules import holds, is_expert

    status, phase_ends = STATES[state]
    ends = datetime.date.fromisoformat(phase_ends) if phase_ends else None
    with time_machine.travel(TODAY + " 12:00 +0200", tick=False):
        process = _process(status, phase_ends=ends)
        Phase.objects.filter(process=process).update(
            actions=sorted(RESIDENT_ACTIONS.values())
        )
        process = Process.objects.prefetch_related("phases").get(pk=process.pk)
        user = _as(role, process)
        seen = {
            permission: holds(permission, user, process)
            for permission in [*RESIDENT_ACTIONS, *STAFF_PERMISSIONS]
        }
    expected = dict.fromkeys(RESIDENT_ACTIONS, state in OPEN_IN)
    expected |= dict.fromkeys(STAFF_PERMISSIONS, role == "owner")
    assert seen == expected
    # Role predicates take the process: an expert of this process is none of another.
    assert is_expert(user, process) is (role == "expert")
    other = _process(Process.Status.ACTIVE, phase_ends=None)
    assert is_expert(user, other) is False
