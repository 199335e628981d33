"""`make test`: fast hashing, mails kept in memory, tasks run at once."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WHITENOISE_USE_FINDERS = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
SPAM_MIN_FILL_SECONDS = 0
# Views are tested as they render (query budgets mean something); the page cache's
# own tests switch it on (mitplan/core/tests/test_pagecache.py).
MITPLAN_PAGE_CACHE = False
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ALLOWED_HOSTS = ["*"]

# Parallel test workers each get their own Redis database, since tests clear the cache
# (from 10 on, or MITPLAN_TEST_REDIS_DB, so two test runs need not share one).
if REDIS_URL:  # noqa: F405
    import os

    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    CACHES["default"]["LOCATION"] = (  # noqa: F405
        REDIS_URL.rsplit("/", 1)[0]  # noqa: F405
        + f"/{int(os.environ.get('MITPLAN_TEST_REDIS_DB', 10)) + int(_worker[2:] or 0)}"
    )
