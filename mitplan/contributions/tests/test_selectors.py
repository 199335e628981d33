import datetime

import pytest
from django.utils import timezone

from mitplan.contributions.models import Statement
from mitplan.contributions.selectors import responsiveness_by_field
from mitplan.processes.models import ExpertGroup, FieldOfAction, Process

from .factories import ContributionFactory

pytestmark = pytest.mark.django_db


def test_responsiveness_counts_published_inputs_answers_and_median_days():
    process = Process.objects.create(title_de="Testprozess", slug="test")
    field = FieldOfAction.objects.create(
        process=process, name_de="Feld", slug="feld", summary_de="x"
    )
    FieldOfAction.objects.create(
        process=process, name_de="Still", slug="still", summary_de="x"
    )
    group = ExpertGroup.objects.create(field_of_action=field, name_de="Gruppe")
    start = timezone.now() - datetime.timedelta(days=30)
    for days in (2, 4, 10):
        contribution = ContributionFactory(
            process=process, field_of_action=field, created_at=start
        )
        Statement.objects.create(
            contribution=contribution,
            expert_group=group,
            outcome="taken",
            text_de="Ja",
            published_at=start + datetime.timedelta(days=days),
        )
    ContributionFactory(process=process, field_of_action=field)  # not answered yet
    ContributionFactory(
        process=process, field_of_action=field, moderation_state="pending"
    )
    rows = {row.field.slug: row for row in responsiveness_by_field(process)}
    assert (rows["feld"].received, rows["feld"].answered) == (4, 3)
    assert rows["feld"].answered_percent == 75
    assert rows["feld"].median_days == 4.0
    assert (
        rows["still"].received,
        rows["still"].answered,
        rows["still"].median_days,
    ) == (0, 0, None)
