"""Supports count exactly when many people click at once: real threads, each with
its own connection and its own committed transactions, against PostgreSQL."""

import pytest
from django.db import connection

from mitplan.contributions import services
from mitplan.contributions.models import Contribution
from mitplan.core.tests.threads import all_in_threads as in_threads

from .factories import ContributionFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite's in-memory test database takes one writer at a time",
    ),
]


def test_concurrent_supports_count_exactly():
    [contribution] = in_threads(ContributionFactory)
    try:
        # 12 different people, and one person clicking 8 times at once.
        tokens = [f"person-{n}" for n in range(12)] + ["double-clicker"] * 8
        counted = in_threads(
            *[
                lambda token=token: services.support_add(
                    contribution=contribution, token=token
                )
                for token in tokens
            ]
        )
        [(support_count, rows)] = in_threads(
            lambda: (
                Contribution.objects.get(pk=contribution.pk).support_count,
                contribution.supports.count(),
            )
        )
        assert counted.count(True) == 13
        assert support_count == rows == 13
        # The double-clicker takes it back, again with 8 clicks at once.
        withdrawn = in_threads(
            *[
                lambda: services.support_withdraw(
                    contribution=contribution, token="double-clicker"
                )
            ]
            * 8
        )
        [(support_count, rows)] = in_threads(
            lambda: (
                Contribution.objects.get(pk=contribution.pk).support_count,
                contribution.supports.count(),
            )
        )
        assert withdrawn.count(True) == 1
        assert support_count == rows == 12
    finally:
        in_threads(lambda: Contribution.objects.filter(pk=contribution.pk).delete())


def test_twenty_parallel_posts_from_one_client_store_exactly_the_limit(settings):
    """Issue 7: 12–14 got through a limit of 10, and some stored ones were answered
    429. Counting is one atomic statement, reserved before storing."""
    from django.test import Client

    from mitplan.core.models import RateCounter

    from .test_views import NEW, form_data

    settings.CONTRIBUTION_RATE = "10/h"
    forms = [form_data(title=f"Parallel {n}") for n in range(20)]

    def post(data):
        client = Client(
            headers={"Origin": "http://testserver", "User-Agent": "Same"},
            REMOTE_ADDR="203.0.113.50",
        )
        response = client.post(NEW.format(lang="de"), data)
        return data["title"], response.status_code

    try:
        answers = in_threads(*[lambda data=data: post(data) for data in forms])
        [stored] = in_threads(
            lambda: set(
                Contribution.objects.filter(title__startswith="Parallel ").values_list(
                    "title", flat=True
                )
            )
        )
        accepted = {title for title, status in answers if status == 302}
        refused = {title for title, status in answers if status == 429}
        assert len(stored) == 10
        assert accepted == stored  # every "received" was stored …
        assert refused.isdisjoint(stored)  # … and no stored one was refused
        assert len(accepted) + len(refused) == 20
    finally:
        in_threads(
            lambda: Contribution.objects.filter(title__startswith="Parallel ").delete(),
            lambda: RateCounter.objects.all().delete(),
        )
