"""Counts kept on rows match their rows, and `recount` finds and corrects drift."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from mitplan.contributions.models import Contribution
from mitplan.core.counters import counters, recount


def test_the_apps_registered_their_counters():
    assert {counter.name for counter in counters()} >= {
        "contributions.Contribution.support_count",
        "contributions.Contribution.comment_count",
    }


def test_the_services_keep_every_count_true(db):
    # The demo is made through the services (supports, comments, hiding, merging).
    assert recount() == []


def test_recount_says_what_drifted_and_corrects_it_with_fix(db):
    discussed = Contribution.objects.filter(comment_count__gt=0).first()
    supported = Contribution.objects.filter(support_count__gt=0).first()
    true_comments, true_supports = discussed.comment_count, supported.support_count
    Contribution.objects.filter(pk=discussed.pk).update(comment_count=999)
    Contribution.objects.filter(pk=supported.pk).update(support_count=0)

    out = StringIO()
    with pytest.raises(CommandError, match="2 count"):  # a scheduled check fails
        call_command("recount", stdout=out)
    said = out.getvalue()
    assert f"comment_count #{discussed.pk}: stored 999, counted {true_comments}" in said
    assert f"support_count #{supported.pk}: stored 0, counted {true_supports}" in said
    discussed.refresh_from_db()
    assert discussed.comment_count == 999  # without --fix nothing changes

    call_command("recount", "--fix", stdout=StringIO())
    discussed.refresh_from_db()
    supported.refresh_from_db()
    assert (discussed.comment_count, supported.support_count) == (
        true_comments,
        true_supports,
    )
    assert recount() == []
