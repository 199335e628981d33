"""The cache degrades: without it pages and forms keep working, the failure is logged
once per interval, and it recovers by itself."""

import contextlib
import logging
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.test import Client, override_settings

from mitplan.contributions.tests.factories import ContributionFactory
from mitplan.core import cache as degrading

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_cache(port: int, db: int = 0):
    return degrading.DegradingRedisCache(
        f"redis://127.0.0.1:{port}/{db}",
        {"OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}},
    )


@pytest.fixture(autouse=True)
def _fresh_health(monkeypatch):
    monkeypatch.setattr(degrading, "_health", {})


def closed_port_caches():
    port = free_port()  # nothing listens there
    return {
        "default": {
            "BACKEND": "mitplan.core.cache.DegradingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }


def test_a_cache_that_cannot_be_reached_answers_empty_and_logs_once(caplog):
    cache = redis_cache(free_port())
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="mitplan.core.cache"):
        for _ in range(50):
            assert cache.get("k") is None
            assert cache.get("k", "default") == "default"
            assert cache.get_many(["a", "b"]) == {}
            assert cache.add("k", 1) is False
            cache.set("k", 1)
            cache.delete("k")
            assert cache.get_or_set("k", lambda: "computed") == "computed"
            with pytest.raises(ValueError):
                cache.incr("k")
            assert cache.has_key("k") is False
    assert time.monotonic() - started < 3  # one failed connection, then no waiting
    warnings = [r for r in caplog.records if r.name == "mitplan.core.cache"]
    assert len(warnings) == 1
    assert "unreachable" in warnings[0].getMessage()
    assert warnings[0].exc_info is None  # a line, not a traceback
    assert cache.is_available() is False


@pytest.mark.django_db
def test_pages_and_sign_in_work_with_redis_unreachable(settings):
    settings.MITPLAN_PAGE_CACHE = True
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    contribution = ContributionFactory()
    with override_settings(CACHES=closed_port_caches()):
        reader = Client()
        for url in (
            "/de/",
            "/de/lip/",
            "/de/lip/beitraege/",
            f"/de/lip/beitraege/{contribution.pk}/",
            "/de/lip/handlungsfelder/",
            "/api/v1/contributions",
        ):
            assert reader.get(url).status_code == 200, url
        from django.contrib.auth import get_user_model

        person = Client()
        person.force_login(
            get_user_model().objects.create_user(username="erika", password="x" * 12)
        )
        response = person.get("/de/konto/meine-beitraege/")
        assert response.status_code == 200


@pytest.mark.django_db
def test_a_comment_can_be_sent_with_redis_unreachable(settings):
    from mitplan.comments.models import Comment
    from mitplan.contributions.forms import new_submission_key
    from mitplan.core.spam import FreshTimestampInput

    contribution = ContributionFactory()
    with override_settings(CACHES=closed_port_caches()):
        client = Client(headers={"Origin": "http://testserver"})
        response = client.post(
            f"/de/lip/beitraege/{contribution.pk}/kommentieren/",
            {
                "text": "Gute Idee, sagt Erika Beispiel.",
                "started": FreshTimestampInput().format_value(None),
                "submission": new_submission_key(),
            },
        )
    assert response.status_code in (200, 302), response.status_code
    assert Comment.objects.filter(text="Gute Idee, sagt Erika Beispiel.").exists()


def test_settings_with_redis_degrade_and_keep_sessions_in_the_database():
    code = (
        "from config.settings import base\n"
        "print(base.CACHES['default']['BACKEND'])\n"
        "print(base.SESSION_ENGINE)\n"
    )
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:1/0"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert out == [
        "mitplan.core.cache.DegradingRedisCache",
        "django.contrib.sessions.backends.cached_db",
    ]


def test_the_default_setup_uses_a_shared_disk_cache_not_the_database(tmp_path):
    code = (
        "from config.settings import base\n"
        "print(base.CACHES['default']['BACKEND'])\n"
        "print(base.CACHES['default']['LOCATION'])\n"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DATABASE_URL")
    }
    env["MITPLAN_DATA_DIR"] = str(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert out == ["mitplan.core.cache.DegradingDiskCache", str(tmp_path / "cache")]


def test_the_disk_cache_is_shared_between_processes_and_counts_atomically(tmp_path):
    location = tmp_path / "cache"
    cache = degrading.DegradingDiskCache(str(location), {})
    cache.set("navigation", {"de": ["Start"]}, None)
    code = (
        "import sys\n"
        "from mitplan.core.cache import DegradingDiskCache\n"
        "cache = DegradingDiskCache(sys.argv[1], {})\n"
        "print(cache.get('navigation'))\n"
        "for _ in range(200): cache.incr('counter')\n"
    )
    cache.set("counter", 0, None)
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(location)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    threads = [
        threading.Thread(target=lambda: [cache.incr("counter") for _ in range(100)])
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outputs = [run.communicate(timeout=60)[0] for run in runs]
    assert all("{'de': ['Start']}" in output for output in outputs)
    assert cache.get("counter") == 600
    assert cache.add("once", 1) is True and cache.add("once", 2) is False
    assert cache.add("brief", 1, timeout=-1) is True  # expired at once …
    assert cache.add("brief", 2) is True  # … so it can be added again
    assert cache.get_many(["navigation", "once", "none"]) == {
        "navigation": {"de": ["Start"]},
        "once": 1,
    }
    assert oct(location.stat().st_mode & 0o777) == "0o700"


def test_the_disk_cache_degrades_on_a_failing_disk(tmp_path, monkeypatch, caplog):
    import sqlite3

    cache = degrading.DegradingDiskCache(str(tmp_path / "cache"), {})
    cache.set("k", "v")

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(degrading.SQLiteFileCache, "_connection", broken)
    with caplog.at_level(logging.WARNING, logger="mitplan.core.cache"):
        cache.set("k", "w")
        assert cache.get("k", "fallback") == "fallback"
    assert len(caplog.records) == 1


@pytest.fixture
def redis_server(tmp_path):
    """A Redis of this test's own on a free port, which the test stops and starts."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    args = [
        binary,
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--dir",
        str(tmp_path),
        "--dbfilename",
        "dump.rdb",
        "--save",
        "",
        "--appendonly",
        "no",
    ]
    state = {"process": None, "port": port}

    def start():
        state["process"] = subprocess.Popen(args, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(save: bool = False):
        import redis

        client = redis.Redis(host="127.0.0.1", port=port)
        with contextlib.suppress(redis.exceptions.ConnectionError):
            client.shutdown(save=save, nosave=not save)
        state["process"].wait(timeout=10)

    state["start"], state["stop"] = start, stop
    start()
    yield state
    if state["process"].poll() is None:
        state["process"].terminate()
        state["process"].wait(timeout=10)


def test_redis_stopped_then_started_recovers_by_itself(
    redis_server, monkeypatch, caplog
):
    monkeypatch.setattr(degrading, "RETRY_SECONDS", 0.2)
    cache = redis_cache(redis_server["port"])
    cache.set("k", "before")
    assert cache.get("k") == "before"
    redis_server["stop"]()
    with caplog.at_level(logging.WARNING, logger="mitplan.core.cache"):
        for _ in range(20):
            assert cache.get("k") is None
        assert cache.is_available() is False
        redis_server["start"]()
        time.sleep(0.3)
        cache.set("k", "after")
        assert cache.get("k") == "after"
    messages = [
        r.getMessage() for r in caplog.records if r.name == "mitplan.core.cache"
    ]
    assert len(messages) == 2
    assert "unreachable" in messages[0] and "reachable again" in messages[1]
    assert cache.is_available() is True


def test_invalidations_lost_while_away_clear_the_cache_on_return(
    redis_server, monkeypatch
):
    """Redis keeps its data across a restart; an entry whose delete was lost while it
    was away must not be served afterwards."""
    monkeypatch.setattr(degrading, "RETRY_SECONDS", 0.2)
    cache = redis_cache(redis_server["port"])
    cache.set("process:1", "old phases")
    redis_server["stop"](save=True)
    cache.delete("process:1")  # lost
    redis_server["start"]()
    time.sleep(0.3)
    assert cache.get("process:1") is None


def test_the_recovery_clear_keeps_guards_and_other_tenants_keys(
    redis_server, monkeypatch
):
    """Not FLUSHDB: the rate limits' secret and used proofs of work stay (dropping
    them reopens replays), and keys outside mitplan's prefix are not ours."""
    import redis

    monkeypatch.setattr(degrading, "RETRY_SECONDS", 0.2)
    cache = degrading.DegradingRedisCache(
        f"redis://127.0.0.1:{redis_server['port']}/0",
        {"KEY_PREFIX": "mitplan", "OPTIONS": {"socket_connect_timeout": 0.5}},
    )
    raw = redis.Redis(host="127.0.0.1", port=redis_server["port"])
    raw.set("someone-else", "theirs")
    cache.set("guard:altcha-used:abc", True)
    cache.set("page:1", "old page")
    redis_server["stop"](save=True)
    cache.delete("page:1")  # lost
    redis_server["start"]()
    time.sleep(0.3)
    assert cache.get("page:1") is None
    assert cache.get("guard:altcha-used:abc") is True
    assert raw.get("someone-else") == b"theirs"


def test_the_disk_cache_recovery_clear_keeps_guards(tmp_path, monkeypatch):
    import sqlite3

    monkeypatch.setattr(degrading, "RETRY_SECONDS", 0.0)
    cache = degrading.DegradingDiskCache(str(tmp_path / "cache"), {})
    cache.set("guard:ratelimit-secret:day", "s")
    cache.set("page:1", "old page")
    working = degrading.SQLiteFileCache._connection

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(degrading.SQLiteFileCache, "_connection", broken)
    cache.delete("page:1")  # lost
    monkeypatch.setattr(degrading.SQLiteFileCache, "_connection", working)
    assert cache.get("page:1") is None
    assert cache.get("guard:ratelimit-secret:day") == "s"


@pytest.mark.django_db
def test_pages_read_the_disk_cache_without_database_queries(tmp_path):
    """The database cache added 7–11 queries to each page (21 on the list)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    disk = {
        "default": {
            "BACKEND": "mitplan.core.cache.DegradingDiskCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    with override_settings(CACHES=disk):
        client = Client()
        for url, budget in (("/de/lip/", 11), ("/de/lip/beitraege/", 10)):
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            sql = " ".join(query["sql"] for query in queries.captured_queries)
            assert "mitplan_cache" not in sql
            assert len(queries) <= budget, (url, len(queries))


def test_every_cache_object_of_a_process_shares_one_redis_connection_pool():
    # Django makes a cache object per request context under ASGI; each used to
    # open its own pool, so every request paid for a new TCP connection.
    first = degrading.DegradingRedisCache("redis://127.0.0.1:6379/13", {})
    second = degrading.DegradingRedisCache("redis://127.0.0.1:6379/13", {})
    other = degrading.DegradingRedisCache("redis://127.0.0.1:6379/12", {})
    assert first._cache is second._cache
    assert first._cache is not other._cache
    # …and one redis.Redis object per pool, not a new one for every operation.
    assert first._cache.get_client() is second._cache.get_client(write=True)
