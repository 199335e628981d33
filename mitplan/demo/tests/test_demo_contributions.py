"""The demo contributions that `demo_load()` creates (the root conftest loads the demo
once per session): enough of everything, and counters and histories that add up."""

from datetime import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from mitplan.contributions.models import Contribution, HistoryEntry, Statement, Tag

pytestmark = pytest.mark.django_db

Step = HistoryEntry.Step
FIRST_DAY = timezone.make_aware(datetime(2020, 1, 18))
MID_2020 = timezone.make_aware(datetime(2020, 7, 16))


@pytest.fixture
def contributions(process):
    return list(
        Contribution.objects.filter(process=process).prefetch_related(
            "history", "supports", "comments"
        )
    )


def test_enough_contributions_in_every_field_kind_and_language(process, contributions):
    assert len(contributions) >= 40
    assert {c.field_of_action.slug for c in contributions} == {
        "bildung",
        "wirtschaft",
        "soziales",
        "stadtleben",
        "demokratie",
        "stadtverwaltung",
    }
    assert {c.kind for c in contributions} == set(Contribution.Kind.values)
    for language in ("de", "en", "tr", "ar"):
        assert sum(c.language == language for c in contributions) >= 4, language
    offline = [c for c in contributions if c.source == Contribution.Source.OFFLINE]
    assert len(offline) >= 3
    assert all(c.source_note and c.is_public for c in offline)
    # Entered by staff: the received step names the person who typed it in.
    for contribution in offline:
        received = contribution.history.get(step=Step.RECEIVED)
        assert received.actor.username == "demo-amt"


def test_every_outcome_among_published_statements_and_a_few_drafts(process):
    statements = Statement.objects.filter(contribution__process=process)
    published = statements.exclude(published_at=None)
    assert set(published.values_list("outcome", flat=True)) == set(
        Statement.Outcome.values
    )
    assert all(s.text_de for s in published)
    assert published.exclude(text_en=None).exclude(text_en="").exists()
    for statement in published:
        assert statement.contribution.processing_state == "answered"
        assert statement.drafted_at <= statement.published_at
    drafts = statements.filter(published_at=None)
    assert drafts.count() >= 2
    assert not drafts.filter(contribution__processing_state="answered").exists()


def test_counters_equal_the_rows_they_count(contributions):
    for contribution in contributions:
        assert contribution.support_count == contribution.supports.count()
        assert (
            contribution.comment_count
            == contribution.comments.filter(is_hidden=False).count()
        )
    assert max(c.support_count for c in contributions) >= 30
    assert sum(c.comment_count > 0 for c in contributions) >= 12
    assert any(c.comments.exclude(parent=None).exists() for c in contributions)


def test_moderation_states(contributions):
    by_state = {}
    for contribution in contributions:
        by_state.setdefault(contribution.moderation_state, []).append(contribution)
    assert len(by_state["published"]) > len(contributions) * 0.8
    assert len(by_state["pending"]) >= 2
    for contribution in by_state["pending"]:
        assert contribution.published_at is None
        assert [e.step for e in contribution.history.all()] == [Step.RECEIVED]
    (rejected,) = by_state["rejected"]
    assert rejected.moderation_reason and rejected.published_at is None
    (merged,) = by_state["merged"]
    assert merged.merged_into.moderation_state == Contribution.Moderation.PUBLISHED
    assert merged.support_count == merged.comment_count == 0
    assert merged.merged_into.history.filter(step=Step.MERGED).exists()


def test_histories_read_in_order_within_the_first_half_of_2020(contributions):
    order = [Step.RECEIVED, Step.PUBLISHED, Step.FORWARDED, Step.ANSWERED]
    for contribution in contributions:
        entries = sorted(contribution.history.all(), key=lambda e: e.pk)
        dates = [e.at for e in entries]
        assert dates == sorted(dates), contribution
        assert dates[0] >= FIRST_DAY and dates[-1] < MID_2020
        first = {}
        for entry in entries:
            first.setdefault(entry.step, entry.at)
        seen = [first[step] for step in order if step in first]
        assert seen == sorted(seen), contribution
        assert contribution.created_at == first[Step.RECEIVED]
        if contribution.published_at:
            assert contribution.published_at == first[Step.PUBLISHED]
        for row in [*contribution.supports.all(), *contribution.comments.all()]:
            if contribution.published_at:
                assert row.created_at >= contribution.published_at


def test_processing_spread(contributions):
    states = [c.processing_state for c in contributions if c.is_public]
    assert states.count("with_expert_group") >= 10
    assert len(contributions) / 4 <= states.count("answered") <= len(contributions) / 2
    assert states.count("received") >= 3


def test_tags_and_staff(process):
    tags = Tag.objects.filter(process=process)
    assert set(tags.values_list("group_de", flat=True)) == {"Stadtteil", "Zielgruppe"}
    assert tags.count() == 7 and not tags.filter(name_en=None).exists()
    assert tags.filter(contributions__isnull=False).distinct().count() == 7
    owner = get_user_model().objects.get(username="demo-amt")
    assert owner.has_perm("contributions.change_statement")
    assert not owner.has_usable_password()
