"""`check --deploy` says where the cache really is."""

import pytest
from django.test import override_settings

from mitplan.core.checks import cache_check

DISK = {
    "default": {
        "BACKEND": "mitplan.core.cache.DegradingDiskCache",
        "LOCATION": "/srv/mitplan/var/cache",
    }
}
DATABASE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "mitplan_cache",
    }
}
MEMORY = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _text(caches) -> str:
    with override_settings(REDIS_URL="", CACHES=caches):
        (warning,) = cache_check(None)
    assert warning.id == "mitplan.W001"
    return warning.msg


def test_w001_describes_a_cache_in_files_on_this_machine():
    text = _text(DISK)
    assert "/srv/mitplan/var/cache" in text
    assert "this machine" in text
    assert "memory" not in text


def test_w001_describes_a_cache_in_the_database():
    text = _text(DATABASE)
    assert "'mitplan_cache'" in text
    assert "memory" not in text


def test_w001_describes_a_cache_in_memory():
    assert "memory" in _text(MEMORY)


@pytest.mark.parametrize("caches", [DISK, DATABASE, MEMORY])
def test_no_warning_with_redis(caches):
    with override_settings(REDIS_URL="redis://127.0.0.1:6379/0", CACHES=caches):
        assert cache_check(None) == []
