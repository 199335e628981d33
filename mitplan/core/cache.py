"""Cache backends that degrade instead of failing the request.

Everything mitplan keeps in the cache can be computed again (navigation, the process
with its phases, list counts, whole reader pages) or is allowed to fail open (the
replay guard of a proof of work, a duplicate check). So when the cache cannot be
reached the site serves uncached, and sign-in keeps working because sessions are
kept in the database behind the cache (`cached_db`).

How it degrades:
- An operation that fails with the backend's error answers as if the cache were
  empty: reads miss, `add` and `set` store nothing, `incr` says the key is missing
  (ValueError, as for a missing key), `delete` deletes nothing.
- After a failure the backend is left alone for `RETRY_SECONDS` in this process (no
  connection attempt and no timeout per request); the next operation after that
  tries it again, so it recovers by itself.
- The failure is logged once per `LOG_SECONDS` per process, as a warning without a
  traceback, and the recovery once.
- Invalidations (delete, incr, set) that were lost while the cache was away could
  leave stale entries behind once it is back (Redis keeps its data across a
  restart). A process that lost one clears the cache when it reaches it again.
"""

import logging
import sqlite3
import threading
import time
from pathlib import Path

from diskcache.djangocache import DjangoCache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
LOG_SECONDS = 60.0


class _Health:
    """One backend location's state in this process, shared by all threads (Django
    makes one cache object per thread)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.logged_at = float("-inf")
        self.failures = 0
        self.lost_writes = False
        self.is_down = False


_health: dict[str, _Health] = {}
_health_lock = threading.Lock()


def _health_for(location: str) -> _Health:
    with _health_lock:
        return _health.setdefault(location, _Health())


class _Unavailable(Exception):
    """The backend is resting after a failure; answer without asking it."""


class DegradingCacheMixin:
    """Mix in before a Django cache backend; `errors` are the backend's failures."""

    errors: tuple[type[BaseException], ...] = ()

    def _location(self) -> str:
        return f"{type(self).__name__}:{self._degrading_location}"

    def _call(self, name, write, fallback, *args, **kwargs):
        health = _health_for(self._location())
        if health.is_down:
            if time.monotonic() < health.down_until:
                if write:
                    health.lost_writes = True
                return fallback()
            # Back before answering: what a lost invalidation left must go first.
            if not self.is_available():
                if write:
                    health.lost_writes = True
                return fallback()
        try:
            return getattr(super(), name)(*args, **kwargs)
        except self.errors as error:
            self._failed(health, error, write)
            return fallback()

    def _failed(self, health: _Health, error: BaseException, write: bool) -> None:
        now = time.monotonic()
        with health.lock:
            health.is_down = True
            health.down_until = now + RETRY_SECONDS
            health.failures += 1
            health.lost_writes = health.lost_writes or write
            if now - health.logged_at >= LOG_SECONDS:
                health.logged_at = now
                logger.warning(
                    "Cache %s unreachable (%s: %s); serving without it, %d failed "
                    "operations so far in this process, retrying every %.1f s.",
                    self._location(),
                    type(error).__name__,
                    error,
                    health.failures,
                    RETRY_SECONDS,
                )

    def _recovered(self, health: _Health) -> None:
        with health.lock:
            if not health.is_down:
                return
            health.is_down = False
            failures, health.failures = health.failures, 0
            lost, health.lost_writes = health.lost_writes, False
            health.logged_at = float("-inf")
        if lost:
            # Entries that a lost invalidation should have dropped may be back.
            try:
                super().clear()
            except self.errors:
                health.lost_writes = True
                return
        logger.warning(
            "Cache %s reachable again after %d failed operations%s.",
            self._location(),
            failures,
            "; cleared it, since invalidations were lost meanwhile" if lost else "",
        )

    def is_available(self) -> bool:
        """Whether the backend answers now (for the health check); also a probe
        that ends a rest period early when it does."""
        health = _health_for(self._location())
        try:
            super().has_key("mitplan:health")
        except self.errors as error:
            self._failed(health, error, write=False)
            return False
        if health.is_down:
            self._recovered(health)
        return True

    # --- The cache API, each answering "empty" when the backend fails -------------

    def get(self, key, default=None, version=None):
        return self._call("get", False, lambda: default, key, default, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", False, dict, keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, lambda: False, key, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        return self._call(
            "add", True, lambda: False, key, value, timeout, version=version, **kwargs
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        return self._call(
            "set", True, lambda: False, key, value, timeout, version=version, **kwargs
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "set_many", True, lambda: list(data), data, timeout, version=version
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", True, lambda: False, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", True, lambda: False, key, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", True, lambda: None, keys, version=version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key {key!r} not found (cache unavailable).")

        return self._call("incr", True, missing, key, delta, version=version)

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version=version)

    def clear(self):
        return self._call("clear", True, lambda: None)


class DegradingRedisCache(DegradingCacheMixin, RedisCache):
    """Django's RedisCache that degrades while Redis cannot be reached."""

    def __init__(self, server, params):
        super().__init__(server, params)
        import redis

        self.errors = (redis.exceptions.RedisError, OSError)
        self._degrading_location = str(server)


class DegradingDiskCache(DegradingCacheMixin, DjangoCache):
    """A cache in SQLite files of its own (diskcache), shared by every app process on
    the machine: reads cost tens of microseconds and no query of the app's database;
    `add` and `incr` are atomic across processes. Degrades on a full or read-only
    disk like the Redis cache does when Redis is away."""

    errors = (sqlite3.Error, OSError)

    def __init__(self, directory, params):
        self._degrading_location = str(directory)
        Path(directory).mkdir(mode=0o700, parents=True, exist_ok=True)
        super().__init__(directory, params)

    def close(self, **kwargs):
        # Django closes caches after each request; diskcache's connections are per
        # thread and cheap to keep, costly to reopen for every request.
        pass
