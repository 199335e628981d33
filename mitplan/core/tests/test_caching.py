"""Reads kept until the data a page shows changes."""

import pytest
from django.core.cache import cache

from mitplan.core.caching import cached_until_data_changes
from mitplan.processes.models import Process

pytestmark = pytest.mark.django_db


def test_a_kept_read_is_computed_once_until_data_changes():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cached_until_data_changes("test:kept", compute) == 1
    assert cached_until_data_changes("test:kept", compute) == 1
    # Any write a page may show retires it: no signal of the app needed.
    Process.objects.update(slug="neu")
    assert cached_until_data_changes("test:kept", compute) == 2
    assert cached_until_data_changes("test:kept", compute) == 2


def test_the_lifetime_may_follow_the_value():
    seen = []
    cached_until_data_changes(
        "test:lifetime", lambda: "wert", timeout=lambda value: seen.append(value) or 1
    )
    assert seen == ["wert"]
    assert cache.get("test:lifetime")[1] == "wert"
