"""Whole reader pages from the shared cache, compressed, and exact.

Readers carry no cookie and pages use no nonces, so a reader's page is the same for
everyone who asks for the same URL in the same language. Such pages are kept in the
shared cache (Redis, or the disk cache of the embedded default), under a key made of
- the scheme, host, path and query string with its parameters in a fixed order,
- the language the request resolves to (URL prefix, else Accept-Language),
- today's date in the site's time zone (phases open and close by date),
- the release (a fingerprint of the code, templates and catalogs);
each entry carries the data version it was rendered at (one counter for the whole
site), and counts only while that is still the current version.

Why it is exact: every write to the database goes through Django's connection, and a
wrapper on it (`_watch_writes`) sees each INSERT, UPDATE and DELETE, also those of
QuerySet.update(), bulk and raw SQL, of Wagtail publishing a page and of management
commands. A write to any table except the bookkeeping ones in `UNSEEN_TABLES`
(sessions, rate counters, the health probe, task queue, audit logs) bumps the version
at once and again after its transaction commits. A page rendered from the state
before a commit was stored under a version that the bump after the commit retires;
a page rendered after the commit reads the new data. So no reader ever gets a page
older than the last committed change. The price of one counter for everything: any
change (a support anywhere) retires every cached page; the cache refills itself on
the next requests, and reads far outnumber writes.

Never shared: a request with any cookie (a signed-in person's session, the supporter
cookie that shows "you supported", a CSRF token), with an Authorization header, any
method but GET and HEAD, the admin and other paths in `PRIVATE_PATHS`; a response
that sets a cookie, says `Cache-Control: private`, `no-store` or `no-cache` (form
pages with a one-time key do), is not a 200, or is not HTML or JSON.

Shared responses say `Cache-Control: public, max-age=0, must-revalidate` with an
ETag: a browser or proxy may keep them but asks each time (a 304 costs two cache
reads), because a support or a comment must show at once. They are compressed
(gzip), which is safe because they carry no secret (BREACH needs one in the body);
nothing else is compressed here. Everything else answered to a request with a cookie
is marked `Cache-Control: private` unless the view said otherwise.
"""

import gzip
import hashlib
import logging
import re
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils import timezone, translation
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)

logger = logging.getLogger(__name__)

VERSION_KEY = "pages:version"
TIMEOUT = 900  # also bounds the age of a form's signed start time in a cached page
MAX_BODY = 2 * 1024 * 1024
SHARED_CACHE_CONTROL = "public, max-age=0, must-revalidate"
PRIVATE_PATHS = (
    "/admin/",
    "/healthz",
    "/altcha/",
    "/static/",
    "/media/",
    "/documents/",
)
# Writes that change no page: bookkeeping of sessions, limits, health, tasks, audit.
UNSEEN_TABLES = {
    "django_session",
    "mitplan_cache",
    "core_ratecounter",
    "core_healthprobe",
    "wagtailadmin_editingsession",
    "wagtailcore_modellogentry",
    "wagtailcore_pagelogentry",
    # A rendition is a resized copy of an image, made the first time a page shows
    # it: the page that asked for it does not change by it.
    "wagtailimages_rendition",
}
UNSEEN_PREFIXES = ("django_tasks",)


def writes_unseen(*tables: str) -> None:
    """An app's tables no public page shows (a survey's unsent drafts): writes to
    them leave the cached pages alone. Called from the app's ready()."""
    UNSEEN_TABLES.update(tables)


_WRITE = re.compile(
    r'^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?([\w.]+)',
    re.IGNORECASE,
)
_READ = re.compile(
    r"^\s*(?:SELECT|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|PRAGMA|SET|SHOW|EXPLAIN|"
    r"VALUES)\b",
    re.IGNORECASE,
)
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# A page asked for with a query string is stored only when its view says it took
# every parameter as one of the values it offers (`query_understood`): free text,
# made-up names or values, repeated parameters would otherwise fill the cache with
# one copy of a page per string a client can invent.
_QUERY_UNDERSTOOD = "_mitplan_query_understood"
_STORED_TYPES = ("text/html", "application/json")
_UNSTORED_HEADERS = {
    "set-cookie",
    "content-length",
    "content-encoding",
    "server-timing",
    "etag",
}


# --- The data version ----------------------------------------------------------


def version() -> int:
    # A fresh counter starts at the clock, so it never repeats an evicted one.
    return cache.get_or_set(VERSION_KEY, time.time_ns, None)


def pages_changed() -> None:
    """Retire every cached page (data changed). Never fails the write that caused
    it: a cache that cannot count (its table not migrated yet, say) is logged."""
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, time.time_ns(), None)
    except DatabaseError:
        # E.g. while `migrate` runs before the cache's table exists: said once.
        if not _told_once:
            _told_once.append(True)
            logger.warning("Could not retire cached pages: the cache's table failed.")


_told_once: list = []


def _cache_in_the_database() -> bool:
    """Whether the cache keeps its entries in the application's database (then a
    write to it inside a transaction belongs to that transaction, and a failed one
    would abort it on PostgreSQL)."""
    return isinstance(caches["default"], DatabaseCache)


def changes_pages(sql: str) -> bool:
    """Whether a statement may change what a page shows."""
    match = _WRITE.match(sql)
    if match:
        table = match.group(1).rsplit(".", 1)[-1].strip('"').lower()
        return table not in UNSEEN_TABLES and not table.startswith(UNSEEN_PREFIXES)
    return not _READ.match(sql)  # DDL and whatever else: assume it does


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and changes_pages(sql):
        connection = context["connection"]
        if connection.in_atomic_block:
            if not _cache_in_the_database():
                pages_changed()  # the database cache would see it only on commit
            if not any(
                func is pages_changed for _s, func, _r in connection.run_on_commit
            ):
                transaction.on_commit(pages_changed, using=connection.alias)
        else:
            pages_changed()  # autocommit: the write is committed already
    return result


def _install_watch(sender, connection, **kwargs):
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def watch_database_writes() -> None:
    """Called once at start (CoreConfig.ready)."""
    from django.db import connections

    connection_created.connect(_install_watch, dispatch_uid="mitplan.pagecache")
    for connection in connections.all(initialized_only=True):
        _install_watch(None, connection)


# --- The release ---------------------------------------------------------------

_release: str | None = None


def release() -> str:
    """A fingerprint of the code, templates and catalogs this process serves, so
    pages cached by an older release are not served after an update."""
    global _release
    if _release is None:
        digest = hashlib.sha256()
        root = Path(settings.BASE_DIR)
        for folder in ("mitplan", "config"):
            for path in sorted((root / folder).rglob("*")):
                if path.suffix in (".py", ".html", ".mo", ".json", ".txt"):
                    stat = path.stat()
                    digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size}".encode())
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        if manifest.exists():
            digest.update(manifest.read_bytes())
        _release = digest.hexdigest()[:16]
    return _release


# --- The middleware --------------------------------------------------------------


def is_shareable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("HTTP_COOKIE", "").strip()
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path_info.startswith(PRIVATE_PATHS)
    )


def query_understood(request) -> None:
    """Called by a view whose page may be shared under its query string: every
    parameter was one the page offers, written as the page links it."""
    setattr(request, _QUERY_UNDERSTOOD, True)


def has_storable_query(request) -> bool:
    return not request.META.get("QUERY_STRING") or getattr(
        request, _QUERY_UNDERSTOOD, False
    )


def is_storable_response(response) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(
            word in cache_control for word in ("private", "no-store", "no-cache")
        )
        and "*" not in response.get("Vary", "")
        and response.get("Content-Type", "").split(";")[0].strip() in _STORED_TYPES
        and len(response.content) <= MAX_BODY
    )


def page_key(request) -> str:
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    query = urlencode(sorted(pairs, key=lambda pair: pair[0]))  # values keep order
    language = translation.get_language_from_request(request, check_path=True)
    # The host without its port and in lower case: pages carry no host, and any
    # port a client writes would otherwise make another copy. (Sites that differ
    # only by port are not supported with the page cache.)
    host, _port = split_domain_port(request.get_host())
    where = f"{request.scheme}://{host.lower()}\n{request.path}\n{query}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:32]
    today = timezone.localdate().isoformat()
    return f"page:{release()}:{today}:{language}:{digest}"


def _entry(response, data_version: int) -> dict:
    body = response.content
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in _UNSTORED_HEADERS
    ]
    # Kept compressed only (a fifth of the size); the rare client that takes no
    # gzip gets it decompressed.
    compressed = len(body) > 200
    return {
        "version": data_version,
        "status": response.status_code,
        "headers": headers,
        "body": gzip.compress(body, compresslevel=6, mtime=0) if compressed else body,
        "gzip": compressed,
        "etag": f'W/"{hashlib.sha256(body).hexdigest()[:32]}"',
    }


def _response(request, entry: dict, state: str):
    use_gzip = entry["gzip"] and _ACCEPTS_GZIP.search(
        request.META.get("HTTP_ACCEPT_ENCODING", "")
    )
    body = entry["body"]
    if entry["gzip"] and not use_gzip:
        body = gzip.decompress(body)
    response = HttpResponse(body, status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    if use_gzip:
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ("Accept-Encoding",))
    if "Cache-Control" not in response:
        response["Cache-Control"] = SHARED_CACHE_CONTROL
    response["ETag"] = entry["etag"]
    response["X-Cache"] = state
    return get_conditional_response(request, etag=entry["etag"], response=response)


class PageCacheMiddleware:
    """Place it after WhiteNoise and before SessionMiddleware, so it sees every
    cookie the layers below set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.MITPLAN_PAGE_CACHE:
            return self.get_response(request)
        if not is_shareable_request(request):
            response = self.get_response(request)
            if "Cache-Control" not in response:
                patch_cache_control(response, private=True)
            return response
        # One round trip to the cache: the page and the data version together. An
        # entry counts only if it was rendered at the current version (read before
        # rendering, so a write during the rendering retires it at once).
        key = page_key(request)
        found = cache.get_many([VERSION_KEY, key])
        current = found.get(VERSION_KEY)
        if current is None:
            current = version()
        entry = found.get(key)
        if entry is not None and entry.get("version") == current:
            return _response(request, entry, "hit")
        response = self.get_response(request)
        if (
            request.method != "GET"
            or not is_storable_response(response)
            or not has_storable_query(request)
        ):
            if response.cookies and "Cache-Control" not in response:
                patch_cache_control(response, private=True)
            return response
        if translation.get_language_from_path(request.path_info) is None:
            # The language came from Accept-Language: a cache in front must know.
            patch_vary_headers(response, ("Accept-Language",))
        entry = _entry(response, current)
        cache.set(key, entry, TIMEOUT)
        return _response(request, entry, "miss")
