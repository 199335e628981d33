"""Error pages in the reader's language, and the health check for load balancers."""

import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpResponse, JsonResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _database_writable() -> bool:
    """Rewrite the one probe row and commit: fails on a full disk, a read-only file
    or volume, a database that is down or locked — what SELECT 1 would not notice."""
    from mitplan.core.models import HealthProbe

    try:
        with transaction.atomic():
            HealthProbe.objects.update_or_create(
                pk=1, defaults={"checked_at": timezone.now()}
            )
    except DatabaseError:
        logger.exception("health check: the database does not take a write")
        return False
    return True


def _cache_reachable() -> bool:
    """Store a fresh value and read it back: a cache server that is down either
    raises or (where errors are swallowed) does not give the value back."""
    key, value = "mitplan:healthz", secrets.token_hex(8)
    try:
        cache.set(key, value, 30)
        ok = cache.get(key) == value
    except Exception:  # noqa: BLE001 - any backend error means "down"
        logger.warning("health check: the cache is unreachable", exc_info=True)
        return False
    if not ok:
        logger.warning("health check: the cache did not keep a value")
    return ok


@never_cache
def health(request):
    """What a load balancer polls, one JSON field per check.

    503 when the database does not take a write: this instance can neither save
    what residents send nor (usually) read, so it should get no traffic. A cache
    that is down answers 200 with "degraded": pages still work from the database
    without it, and since all instances share one cache, taking them out of the
    pool for it would turn a slower site into no site at all. Monitoring should
    alert on "degraded" instead. Served on plain HTTP too (SECURE_REDIRECT_EXEMPT),
    as load balancers probe behind TLS termination.
    """
    database = "ok" if _database_writable() else "down"
    cache_state = "ok" if _cache_reachable() else "down"
    if database == "down":
        status = "down"
    elif cache_state == "down":
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "database": database, "cache": cache_state},
        status=503 if database == "down" else 200,
    )


def _error(request, status: int, title, text):
    if request.path_info.startswith("/api/"):
        # Clients of the JSON API read JSON, also for addresses it does not know.
        return JsonResponse({"detail": str(title)}, status=status)
    try:
        response = TemplateResponse(
            request, "error.html", {"title": title, "text": text}, status=status
        )
        response.render()
        return response
    except Exception:  # noqa: BLE001 - an error page must never fail itself
        return HttpResponse(str(title), status=status, content_type="text/plain")


def bad_request(request, exception=None):
    return _error(
        request,
        400,
        _("The request could not be understood"),
        _("Something in what was sent is not valid. Please go back and try again."),
    )


def permission_denied(request, exception=None):
    return _error(
        request,
        403,
        _("Access denied"),
        _(
            "You may not open this page. If you sent a form, reload the page and "
            "send it again."
        ),
    )


def uri_too_long(request):
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": str(_("The address is too long."))}, status=414)
    # The page's own links (language switch) lead to the start page of the language,
    # not back to the address that was too long.
    language = get_language() or settings.LANGUAGE_CODE
    request.path = request.path_info = f"/{language}/"
    request.META["QUERY_STRING"] = ""
    request.GET = QueryDict()
    return _error(
        request,
        414,
        _("The address is too long"),
        _(
            "The address of this page is longer than the site accepts. Go back and "
            "try a shorter search or fewer filters."
        ),
    )


def page_not_found(request, exception=None):
    return _error(
        request,
        404,
        _("Page not found"),
        _("This page does not exist (any more)."),
    )


def server_error(request):
    return _error(
        request,
        500,
        _("Something went wrong on our side"),
        _("We have been told. Please try again in a few minutes."),
    )


def csrf_failure(request, reason=""):
    return _error(
        request,
        403,
        _("The form has expired"),
        _(
            "For your security, forms are only valid for a while and need cookies "
            "to be allowed for this site. Go back, reload the page and send the "
            "form again."
        ),
    )
