"""The shared test factories make valid rows (full_clean passes), so a test that
uses one tests what it means to, not a broken fixture."""

import pytest

from mitplan.comments.tests.factories import CommentFactory
from mitplan.contributions.tests.factories import (
    ContributionFactory,
    HistoryEntryFactory,
    StatementFactory,
    SupportFactory,
    TagFactory,
)
from mitplan.moderation.tests.factories import ReportFactory
from mitplan.notifications.tests.factories import SubscriptionFactory
from mitplan.processes.tests.factories import (
    AdvisorFactory,
    ExpertGroupMemberFactory,
    FieldOfActionFactory,
    PhaseFactory,
    ProcessFactory,
)

FACTORIES = [
    ProcessFactory,
    PhaseFactory,
    FieldOfActionFactory,
    ExpertGroupMemberFactory,
    AdvisorFactory,
    ContributionFactory,
    TagFactory,
    SupportFactory,
    StatementFactory,
    HistoryEntryFactory,
    CommentFactory,
    ReportFactory,
    SubscriptionFactory,
]


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_a_factory_makes_a_valid_row(db, factory):
    made = factory()
    made.full_clean()
    assert type(made).objects.filter(pk=made.pk).exists()
