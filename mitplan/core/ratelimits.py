"""Per-client rate limits that never store an IP address.

The key is an HMAC of the client's address with a secret that is made per day
and kept only in the cache, so a key cannot be turned back into an address and
is worthless the next day.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_ratelimit import ALL
from django_ratelimit.core import get_usage, is_ratelimited


def _daily_secret() -> bytes:
    day = timezone.now().strftime("%Y-%m-%d")
    secret = cache.get_or_set(
        f"ratelimit-secret:{day}", lambda: secrets.token_hex(32), timeout=2 * 86400
    )
    return secret.encode()


def client_address(request) -> str:
    """The client's address, taking as many proxies as MITPLAN_PROXY_COUNT says."""
    proxies = settings.MITPLAN_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def limit_reached(request, group: str, rate: str) -> bool:
    """Whether this client has used up `rate` for `group`, without counting this
    request: a form with mistakes is not a message sent."""
    usage = get_usage(
        request, group=group, key=client_key, rate=rate, method=ALL, increment=False
    )
    return usage is not None and usage["count"] >= usage["limit"]


def limit_count(request, group: str, rate: str) -> None:
    """Count one action (a message sent, a contribution stored) against the limit."""
    is_ratelimited(
        request, group=group, key=client_key, rate=rate, method=ALL, increment=True
    )


def client_key(group, request) -> str:
    """django-ratelimit key function: a daily-rotating hash, never the address."""
    raw = f"{client_address(request)}|{request.META.get('HTTP_USER_AGENT', '')}"
    return hmac.new(_daily_secret(), raw.encode(), hashlib.sha256).hexdigest()
