"""Limits on what one client, one address or one item may trigger in a while, which a
client cannot lift by changing its headers and which never store an address.

The model (README, "Rate limits"):
- A limit counts one *subject* in one *group*: a client's network address as seen
  through the configured proxies (MITPLAN_PROXY_COUNT; nothing the client can choose,
  such as its User-Agent), or a target (an e-mail address that gets mails, an advisor,
  a contribution that gets reported), or an account or a supporter token.
- Per-address limits are generous, and going over one asks for a short proof of work
  instead of refusing, so an office, a school or a mobile carrier behind one address
  stays workable; per-target limits are tight and hard (no mail bomb, no report storm).
- Counting and checking are one atomic statement in the database (INSERT … ON
  CONFLICT DO UPDATE … RETURNING), so 20 parallel requests cannot pass a limit of 10
  on SQLite or PostgreSQL. Only what is carried out counts: a view reserves a slot
  before it saves and gives it back if saving fails, so what was saved is never
  refused and a refusal saved nothing.
- Subjects are stored as an HMAC with a secret made per day and kept outside every
  persistent store: in Redis when REDIS_URL is set, else in a private file in a
  RAM-backed directory (/dev/shm). The database and its backups hold only keys that
  cannot be tested against guessed addresses, and yesterday's keys are worthless.
"""

import contextlib
import hashlib
import hmac
import ipaddress
import logging
import math
import os
import secrets
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

from .cache import GUARD

logger = logging.getLogger(__name__)

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "10/h" → (10, 3600); "5/15m" → (5, 900)."""
    count, _slash, period = rate.partition("/")
    multiplier = period[:-1] or "1"
    return int(count), int(multiplier) * _UNITS[period[-1]]


# --- The daily secret, outside every persistent store ---------------------------


def runtime_dir() -> Path:
    """A private directory in memory-backed storage for this installation's secrets
    (not in the data directory, so never in a backup of it)."""
    base = Path(getattr(settings, "MITPLAN_RUNTIME_DIR", "") or _default_runtime_base())
    tag = hashlib.sha256(str(settings.DATABASES["default"]).encode()).hexdigest()[:12]
    path = base / f"mitplan-{tag}"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _default_runtime_base() -> str:
    shm = Path("/dev/shm")  # noqa: S108 - memory-backed, private file mode below
    if shm.is_dir() and os.access(shm, os.W_OK):
        return str(shm)
    return tempfile.gettempdir()


def _secret_from_file(day: str) -> bytes:
    folder = runtime_dir()
    path = folder / f"ratelimit-{day}"
    if not path.exists():
        # Written aside, then linked into place: of two processes that race, one
        # secret wins and both read it.
        fd, temporary = tempfile.mkstemp(dir=folder)
        try:
            os.write(fd, secrets.token_hex(32).encode())
            os.close(fd)
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
        for old in folder.glob("ratelimit-*"):
            if old.name < f"ratelimit-{day}":
                old.unlink(missing_ok=True)
    return path.read_bytes()


def _secret_from_redis(day: str) -> bytes | None:
    key = f"{GUARD}ratelimit-secret:{day}"
    try:
        cache.add(key, secrets.token_hex(32), timeout=2 * 86400)
        value = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache outage falls back to the file
        logger.warning("Rate limits: Redis unreachable, using this machine's secret.")
        return None
    return value.encode() if value else None


def _shared_copy(day: str) -> Path:
    return runtime_dir() / f"ratelimit-shared-{day}"


def _keep_shared_copy(day: str, secret: bytes) -> None:
    """This machine's copy of the secret all machines share (in RAM, like the
    rest): while Redis is away the clients keep their keys, and so their counts."""
    path = _shared_copy(day)
    with contextlib.suppress(OSError):
        if path.exists() and path.read_bytes() == secret:
            return
        fd, temporary = tempfile.mkstemp(dir=path.parent)
        os.write(fd, secret)
        os.close(fd)
        os.replace(temporary, path)
        for old in path.parent.glob("ratelimit-shared-*"):
            if old.name < path.name:
                old.unlink(missing_ok=True)


def daily_secret() -> bytes:
    """Today's secret, read from where every app process reads it (Redis, else the
    machine's RAM-backed file) on each use: a process that remembered its own copy
    would key the same client differently from a process started after Redis lost
    it, and a client could then count twice. While Redis is away, the copy of its
    secret this machine kept stands in (limits would start from zero otherwise)."""
    day = time.strftime("%Y-%m-%d", time.gmtime())
    if settings.REDIS_URL:
        secret = _secret_from_redis(day)
        if secret:
            _keep_shared_copy(day, secret)
            return secret
        with contextlib.suppress(OSError):
            return _shared_copy(day).read_bytes()
    return _secret_from_file(day)


# --- Subjects ---------------------------------------------------------------------


def client_address(request) -> str:
    """The client's address as limits count it, taking as many proxies as
    MITPLAN_PROXY_COUNT says: the rightmost addresses of X-Forwarded-For were added
    by our proxies, anything left of them by the client. See `address_subject` for
    the form it is given."""
    proxies = settings.MITPLAN_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return address_subject(forwarded[-proxies])
    return address_subject(request.META.get("REMOTE_ADDR", ""))


def address_subject(raw: str) -> str:
    """One string per client, whatever the spelling: an IPv4 address as itself (an
    IPv4-mapped IPv6 address too), an IPv6 address as its /64 network (the block one
    household or phone gets, so stepping through it does not give fresh limits), and
    anything that is no address as the one bucket "invalid" (never an error)."""
    try:
        address = ipaddress.ip_address(raw.strip())
    except ValueError:
        return "invalid"
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        network = int(address) >> 64 << 64  # drops any %zone as well
        return f"{ipaddress.IPv6Address(network)}/64"
    return str(address)


def subject_key(group: str, subject: str) -> str:
    """The stored form of a subject: a keyed hash with today's secret."""
    return hmac.new(
        daily_secret(), f"{group}|{subject}".encode(), hashlib.sha256
    ).hexdigest()


@dataclass(frozen=True)
class Limit:
    """`rate` actions per period for one subject in one group."""

    group: str
    subject: str
    rate: str
    # A hard limit refuses even a sender who did the proof of work (mails to one
    # address, reports on one item); a soft one only asks for the proof.
    hard: bool = False
    # What the person is told when this limit refuses (None: the general message).
    message: object = None

    @classmethod
    def per_client(cls, request, group: str, rate: str) -> "Limit":
        return cls(group, f"address:{client_address(request)}", rate)

    @classmethod
    def per_target(cls, group: str, target: str, rate: str, message=None) -> "Limit":
        return cls(group, f"target:{target}", rate, hard=True, message=message)

    def _window(self, now: float):
        """(key, window start, expiry, allowed, the previous window's weight).

        A sliding window, estimated from two fixed ones: what was counted in the
        previous window weighs as much as the share of it that still lies within
        one period back. A limit used up just before a window's boundary therefore
        stays used up after it, instead of starting afresh."""
        allowed, seconds = parse_rate(self.rate)
        window = int(now // seconds * seconds)
        weight = 1 - (now - window) / seconds
        key = subject_key(self.group, self.subject)
        return key, window, window + 2 * seconds, allowed, (window - seconds, weight)


def _previous(key: str, previous) -> int:
    """The previous window's count, weighted, rounded up (never in the client's
    favour)."""
    from .models import RateCounter

    start, weight = previous
    count = (
        RateCounter.objects.filter(key=key, window_start=start)
        .values_list("count", flat=True)
        .first()
    )
    return math.ceil((count or 0) * weight)


def _upsert(key: str, window: int, expires: int, step: int) -> int:
    """Add `step` to the counter and return the new count, in one statement."""
    table = "core_ratecounter"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, window_start, count, expires_at) "  # noqa: S608
            "VALUES (%s, %s, %s, %s) "
            f"ON CONFLICT (key, window_start) DO UPDATE SET count = {table}.count + %s "
            "RETURNING count",
            [key, window, max(step, 0), expires, step],
        )
        return cursor.fetchone()[0]


def used_up(*limits: Limit) -> bool:
    """Whether any of the limits is used up, without counting anything."""
    from .models import RateCounter

    now = time.time()
    for limit in limits:
        key, window, _expires, allowed, (previous_start, weight) = limit._window(now)
        counts = dict(
            RateCounter.objects.filter(
                key=key, window_start__in=[window, previous_start]
            ).values_list("window_start", "count")
        )
        estimate = counts.get(window, 0) + math.ceil(
            counts.get(previous_start, 0) * weight
        )
        if estimate >= allowed:
            return True
    return False


class Reservation:
    """Slots taken under each limit; `release()` gives them back (the action failed
    and so never happened)."""

    def __init__(self, taken):
        self._taken = taken

    def release(self) -> None:
        for key, window, expires in self._taken:
            _upsert(key, window, expires, -1)
        self._taken = []


class LimitReached(Exception):
    def __init__(self, limit: Limit):
        super().__init__(limit.group)
        self.limit = limit


def reserve(*limits: Limit, force: bool = False) -> Reservation:
    """Count one action under every limit at once, or none: raises LimitReached when
    a limit would be passed (then nothing stays counted). `force` counts soft limits
    without refusing (a sender who did the proof of work); hard ones still refuse."""
    now = time.time()
    taken = []
    with transaction.atomic():
        for limit in limits:
            key, window, expires, allowed, previous = limit._window(now)
            # The upsert counts atomically; the previous window no longer grows.
            count = _upsert(key, window, expires, 1) + _previous(key, previous)
            taken.append((key, window, expires))
            if count > allowed and (limit.hard or not force):
                transaction.set_rollback(True)
                refused = limit
                break
        else:
            refused = None
    if refused is not None:
        raise LimitReached(refused)
    _forget_expired(now)
    return Reservation(taken)


def hit(*limits: Limit) -> bool:
    """Count one attempt and say whether it is within every limit (for attempts that
    count even when they fail, such as wrong passwords)."""
    try:
        reserve(*limits)
    except LimitReached:
        return False
    return True


def first_use(name: str, expires_at: int) -> bool:
    """True the first time `name` is used, False ever after until `expires_at`
    (epoch seconds): one atomic statement in the database, so it holds across
    processes and whatever the cache does (a used proof of work)."""
    key = hashlib.sha256(f"once:{name}".encode()).hexdigest()
    with transaction.atomic():
        count = _upsert(key, 0, expires_at, 1)
    _forget_expired(time.time())
    return count == 1


def _forget_expired(now: float) -> None:
    # Now and then, not on every request: one indexed delete of past windows.
    if secrets.randbelow(50) == 0:
        from .models import RateCounter

        RateCounter.objects.filter(expires_at__lt=int(now)).delete()
