"""What a phase allows is checked in the services, so every caller (views, the API,
later htmx endpoints) meets the same gate."""

import pytest

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


def test_staff_still_enter_what_came_on_paper(completed):
    contribution, _saved = contribution_submit(
        process=completed.process,
        field_of_action=completed.field_of_action,
        kind=Contribution.Kind.IDEA,
        title="Vom Dialogtisch",
        text="Mehr Beratung in den Sprachen der Eltern, auch am Samstag.",
        language="de",
        source=Contribution.Source.OFFLINE,
    )
    assert contribution.pk


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

    assert actions.codes() == ["contributions", "comments", "supports"]
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
