"""Limits as a sliding window (a boundary of the clock does not reset them), and one
secret for every app process."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.cache import cache

from mitplan.core import ratelimits
from mitplan.core.ratelimits import Limit, LimitReached, reserve, used_up

pytestmark = pytest.mark.django_db


def at(hour, minute, second):
    return time_machine.travel(
        datetime(2026, 12, 3, hour, minute, second, tzinfo=UTC), tick=False
    )


def test_a_limit_used_up_just_before_a_boundary_stays_used_up_after_it():
    limit = Limit("test.login", "target:someone", "5/15m", hard=True)
    with at(21, 29, 35):
        for _attempt in range(5):
            reserve(limit)
        assert used_up(limit)
    with at(21, 30, 3):  # a new fixed window began 3 seconds ago
        assert used_up(limit)
        with pytest.raises(LimitReached):
            reserve(limit)
    with at(21, 44, 40):  # almost a whole period later: it has slid out
        assert not used_up(limit)


def test_twice_the_limit_never_passes_around_a_boundary():
    limit = Limit("test.contribute", "address:203.0.113.1", "10/h")
    passed = 0
    for minute, second in [(59, 50)] * 10 + [(0, 10)] * 10:
        hour = 20 if minute == 59 else 21
        with at(hour, minute, second):
            try:
                reserve(limit)
            except LimitReached:
                continue
            passed += 1
    assert passed == 10


def test_every_process_reads_the_same_secret_even_after_redis_lost_it(settings):
    # Tests keep the cache in memory; with REDIS_URL set the secret is read from
    # it on every use, so a process cannot keep yesterday's copy after a restart.
    settings.REDIS_URL = "redis://example.invalid"
    first = ratelimits.daily_secret()
    assert ratelimits.daily_secret() == first
    cache.clear()  # Redis restarted without its data
    second = ratelimits.daily_secret()
    assert second != first
    assert ratelimits.daily_secret() == second


def test_limits_keep_their_keys_while_redis_is_away(settings, tmp_path, monkeypatch):
    """The shared secret is copied to this machine's RAM: while Redis is away the
    same client keeps the same key, so its counts go on instead of starting at 0."""
    from mitplan.core import ratelimits

    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.MITPLAN_RUNTIME_DIR = str(tmp_path)
    answers = iter([b"shared-secret", None])
    monkeypatch.setattr(ratelimits, "_secret_from_redis", lambda day: next(answers))
    assert ratelimits.daily_secret() == b"shared-secret"
    assert ratelimits.daily_secret() == b"shared-secret"  # Redis away
    copy = next(tmp_path.rglob("ratelimit-shared-*"))
    assert oct(copy.stat().st_mode & 0o777) == "0o600"
