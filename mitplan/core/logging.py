"""Logging filters.

Django logs a refused request (too many fields, too big a body, a path that tries
to leave a folder, a host we do not serve) at ERROR with its traceback, as if the
server had failed. It answered correctly with 400: log it as the warning it is, in
one line, so real errors stand out."""

import logging

REFUSED_REQUESTS = (
    "django.security.",  # SuspiciousOperation and its kin: DisallowedHost, …
)


class RefusedRequestsAreWarnings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith(REFUSED_REQUESTS) and record.levelno >= logging.ERROR:
            record.levelno = logging.WARNING
            record.levelname = "WARNING"
            record.exc_info = None
            record.exc_text = None
        return True
