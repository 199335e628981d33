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
