"""Cache backends that degrade instead of failing the request.

Everything mitplan keeps in the cache can be computed again (navigation, the process
with its phases, list counts, whole reader pages). What must not fail open lives
in the database instead (used proofs of work, rate-limit counts); the rate limits'
daily secret is kept in Redis with a copy in each machine's RAM. So when the cache cannot be
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
  restart). A process that lost one drops every derived entry when it reaches the
  cache again, but not the guards: keys starting with `GUARD` (the rate limits'
  daily secret, used proofs of work) are no copies of anything, and dropping them
  would reopen a replay or re-key every client's limits.
"""

import contextlib
import logging
import pickle
import queue
import random
import sqlite3
import threading
import time
from pathlib import Path

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
LOG_SECONDS = 60.0
# Keys that are not derived data and survive the recovery clear (see above).
GUARD = "guard:"


def _is_guard(made_key: str) -> bool:
    # Django makes keys as "<prefix>:<version>:<key>".
    return made_key.split(":", 2)[-1].startswith(GUARD)


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
                self._forget_derived()
            except self.errors:
                health.lost_writes = True
                return
        logger.warning(
            "Cache %s reachable again after %d failed operations%s.",
            self._location(),
            failures,
            "; dropped its derived entries, since invalidations were lost meanwhile"
            if lost
            else "",
        )

    def _forget_derived(self) -> None:
        """Drop every entry but the guards (the backend's own way)."""
        raise NotImplementedError

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


class _ReusingRedisCacheClient(RedisCacheClient):
    """Django's client makes a new redis.Redis object for every operation, which
    costs more than the round trip to Redis; one per connection pool serves all
    threads (a redis.Redis takes a connection from its pool per command)."""

    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(
                id(pool), self._client(connection_pool=pool)
            )
        return client


class DegradingRedisCache(DegradingCacheMixin, RedisCache):
    """Django's RedisCache that degrades while Redis cannot be reached."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusingRedisCacheClient
        import redis

        self.errors = (redis.exceptions.RedisError, OSError)
        self._degrading_location = str(server)

    def _forget_derived(self) -> None:
        client = self._cache.get_client(write=True)
        doomed = []
        for key in client.scan_iter(match=f"{self.key_prefix}:*", count=1000):
            if not _is_guard(key.decode("utf-8", "replace")):
                doomed.append(key)
            if len(doomed) >= 1000:
                client.delete(*doomed)
                doomed.clear()
        if doomed:
            client.delete(*doomed)

    @property
    def _cache(self):
        # Django makes one cache object per request context (per request under
        # ASGI), and each would open its own connection pool: one TCP connection
        # per request. One client per server list, shared by the whole process.
        key = (tuple(self._servers), repr(sorted(self._options.items())))
        client = _redis_clients.get(key)
        if client is None:
            with _health_lock:
                client = _redis_clients.setdefault(
                    key, self._class(self._servers, **self._options)
                )
        return client


_redis_clients: dict = {}


class SQLiteFileCache(BaseCache):
    """A cache in an SQLite file of its own (not the app's database), shared by every
    app process on the machine, as the SQLite database itself is.

    A read costs some ten microseconds and no query of the app's database (the
    database cache added 7–11 queries to each page). Connections are pooled per
    process, not per thread: an ASGI server runs each request on a fresh thread, and
    opening a connection per request cost more than the page it served. WAL lets
    readers go on while one process writes; `add` and `incr` are single atomic
    statements, so they hold across processes. Integers are stored as such (for
    `incr`), everything else pickled (the directory is private, 0700).
    """

    _pools: dict[str, queue.LifoQueue] = {}
    _ready: set[str] = set()
    _lock = threading.Lock()

    def __init__(self, location, params):
        super().__init__(params)
        self._path = str(Path(location) / "cache.sqlite3")
        if self._path not in self._ready:
            with self._lock:
                if self._path not in self._ready:
                    Path(location).mkdir(mode=0o700, parents=True, exist_ok=True)
                    with self._connection() as connection:
                        connection.execute(
                            "CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, "
                            "value BLOB NOT NULL, expires REAL) WITHOUT ROWID"
                        )
                        connection.execute(
                            "CREATE INDEX IF NOT EXISTS cache_expires ON cache (expires)"
                        )
                    self._ready.add(self._path)

    @contextlib.contextmanager
    def _connection(self):
        pool = self._pools.get(self._path)
        if pool is None:
            pool = self._pools.setdefault(self._path, queue.LifoQueue())
        try:
            connection = pool.get_nowait()
        except queue.Empty:
            connection = sqlite3.connect(
                self._path, timeout=5, isolation_level=None, check_same_thread=False
            )
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
        try:
            yield connection
        finally:
            pool.put(connection)

    @staticmethod
    def _dump(value):
        return (
            value
            if type(value) is int
            else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        )

    @staticmethod
    def _load(stored):
        return stored if isinstance(stored, int) else pickle.loads(stored)  # noqa: S301

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._connection() as connection:
            row = connection.execute(
                "SELECT value FROM cache WHERE key = ? AND (expires IS NULL OR expires > ?)",
                (key, time.time()),
            ).fetchone()
        return default if row is None else self._load(row[0])

    def get_many(self, keys, version=None):
        made = {self.make_and_validate_key(key, version=version): key for key in keys}
        if not made:
            return {}
        marks = ",".join("?" * len(made))
        with self._connection() as connection:
            rows = connection.execute(
                f"SELECT key, value FROM cache WHERE key IN ({marks}) "  # noqa: S608
                "AND (expires IS NULL OR expires > ?)",
                (*made, time.time()),
            ).fetchall()
        return {made[key]: self._load(value) for key, value in rows}

    def has_key(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._connection() as connection:
            row = connection.execute(
                "SELECT 1 FROM cache WHERE key = ? AND (expires IS NULL OR expires > ?)",
                (key, time.time()),
            ).fetchone()
        return row is not None

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._connection() as connection:
            connection.execute(
                "INSERT INTO cache (key, value, expires) VALUES (?, ?, ?) ON CONFLICT "
                "(key) DO UPDATE SET value = excluded.value, expires = excluded.expires",
                (key, self._dump(value), self.get_backend_timeout(timeout)),
            )
            self._cull(connection)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._connection() as connection:
            cursor = connection.execute(
                "INSERT INTO cache (key, value, expires) VALUES (?, ?, ?) ON CONFLICT "
                "(key) DO UPDATE SET value = excluded.value, expires = excluded.expires "
                "WHERE cache.expires IS NOT NULL AND cache.expires <= ?",
                (
                    key,
                    self._dump(value),
                    self.get_backend_timeout(timeout),
                    time.time(),
                ),
            )
            added = cursor.rowcount > 0
            if added:
                self._cull(connection)
        return added

    def incr(self, key, delta=1, version=None):
        made = self.make_and_validate_key(key, version=version)
        with self._connection() as connection:
            row = connection.execute(
                "UPDATE cache SET value = value + ? WHERE key = ? "
                "AND typeof(value) = 'integer' AND (expires IS NULL OR expires > ?) "
                "RETURNING value",
                (delta, made, time.time()),
            ).fetchone()
        if row is None:
            raise ValueError(f"Key '{key}' not found.")
        return row[0]

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._connection() as connection:
            cursor = connection.execute(
                "UPDATE cache SET expires = ? WHERE key = ? "
                "AND (expires IS NULL OR expires > ?)",
                (self.get_backend_timeout(timeout), key, time.time()),
            )
        return cursor.rowcount > 0

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._connection() as connection:
            cursor = connection.execute("DELETE FROM cache WHERE key = ?", (key,))
        return cursor.rowcount > 0

    def clear(self):
        with self._connection() as connection:
            connection.execute("DELETE FROM cache")

    def _cull(self, connection) -> None:
        """Now and then: drop what expired, then, over MAX_ENTRIES, the entries
        closest to expiring (never the counters kept without a timeout)."""
        if random.random() > 1 / 64:  # noqa: S311 - spreading work, not security
            return
        connection.execute(
            "DELETE FROM cache WHERE expires IS NOT NULL AND expires <= ?",
            (time.time(),),
        )
        (count,) = connection.execute("SELECT count(*) FROM cache").fetchone()
        if count > self._max_entries:
            connection.execute(
                "DELETE FROM cache WHERE key IN (SELECT key FROM cache WHERE expires IS "
                "NOT NULL ORDER BY expires LIMIT ?)",
                (max(count // self._cull_frequency, count - self._max_entries),),
            )

    def close(self, **kwargs):
        pass  # pooled connections stay open across requests


class DegradingDiskCache(DegradingCacheMixin, SQLiteFileCache):
    """The embedded default's cache (SQLite file of its own, in the data directory);
    degrades on a full or read-only disk as the Redis cache does without Redis."""

    errors = (sqlite3.Error, OSError)

    def __init__(self, directory, params):
        self._degrading_location = str(directory)
        super().__init__(directory, params)

    def _forget_derived(self) -> None:
        with self._connection() as connection:
            keys = [row[0] for row in connection.execute("SELECT key FROM cache")]
            connection.executemany(
                "DELETE FROM cache WHERE key = ?",
                [(key,) for key in keys if not _is_guard(key)],
            )
