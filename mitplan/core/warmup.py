"""Warm a server process up before it takes traffic.

The first request of a fresh process pays for importing the views, compiling the
templates, loading the catalogs of the languages, opening the database and filling
the caches: seconds, which the first visitor would wait. The server entry points
(config/wsgi.py, config/asgi.py) call `warm_up()` while the process starts, so that
work is done before the first request; the reader pages it asks for are then also in
the shared cache. `MITPLAN_WARM_UP=false` skips it.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)

PATHS = (
    "/de/",
    "/de/lip/",
    "/ar/lip/",
    "/en/lip/",
    "/de/lip/beitraege/",
    "/de/lip/handlungsfelder/",
    "/api/v1/contributions",
)


def _site() -> tuple[str, bool]:
    """The host (with port) and scheme readers use, so the pages warmed are the
    ones they get from the cache."""
    site = urlsplit(settings.SITE_URL)
    if site.netloc:
        return site.netloc, site.scheme == "https"
    for host in settings.ALLOWED_HOSTS:
        if host not in ("*", "") and not host.startswith("."):
            return host, False
    return "localhost", False


def warm_up(paths=PATHS) -> float:
    """Ask for each path in-process and wait for it; return the seconds it took.
    On a thread of its own, since an ASGI server may import the application inside
    its event loop, where Django's synchronous database calls are refused."""
    started = time.perf_counter()
    thread = threading.Thread(target=_ask, args=(paths,), name="mitplan-warm-up")
    thread.start()
    thread.join()
    seconds = time.perf_counter() - started
    logger.info("Warmed up in %.1f s", seconds)
    return seconds


def _ask(paths) -> None:
    """Failures are logged, never raised: a cold server is better than none."""
    from django.db import connections
    from django.test import Client

    host, secure = _site()
    client = Client(HTTP_HOST=host, raise_request_exception=False)
    for path in paths:
        try:
            response = client.get(
                path, secure=secure, headers={"Accept-Encoding": "gzip"}
            )
        except Exception as error:  # noqa: BLE001 - warming must not stop a start
            logger.warning("Warm-up of %s failed: %s", path, error)
            continue
        if response.status_code >= 500:
            logger.warning("Warm-up of %s answered %s", path, response.status_code)
    connections.close_all()
