"""Production: PostgreSQL, Redis, HTTPS, gunicorn behind a proxy that terminates TLS."""

from .base import *  # noqa: F403
from .base import env

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The preload directive only allows submitting the domain to browsers' list.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refused": {"()": "mitplan.core.logging.RefusedRequestsAreWarnings"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["refused"]}},
    "root": {"handlers": ["console"], "level": "INFO"},
    # Django's request logger can include client details; keep it to errors.
    "loggers": {"django.request": {"level": "ERROR"}},
}
