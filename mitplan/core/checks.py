"""Configuration mistakes that would break a promise of the product become system checks."""

from django.conf import settings
from django.core.checks import Error, Warning, register


@register()
def languages_check(app_configs, **kwargs):
    errors = []
    codes = [code for code, _name in settings.LANGUAGES]
    if codes[0] != settings.LANGUAGE_CODE:
        errors.append(
            Error(
                "LANGUAGE_CODE must be the first of LANGUAGES: it is the source "
                "language every translation falls back to.",
                hint=f"Set LANGUAGE_CODE = {codes[0]!r} or reorder LANGUAGES.",
                id="mitplan.E001",
            )
        )
    return errors


def _cache_whereabouts() -> str:
    """Where the default cache keeps its data, said from the settings in force."""
    cache = settings.CACHES["default"]
    backend, location = cache["BACKEND"], cache.get("LOCATION", "")
    if backend.endswith(("LocMemCache", "DummyCache")):
        return "lives in each process's memory, not shared between app processes"
    if backend.endswith("DatabaseCache"):
        return (
            f"lives in the database table {location!r}: shared by all app servers, "
            "but every cached read is a query of the database"
        )
    if backend.endswith(("DiskCache", "FileBasedCache")):
        return (
            f"lives in files under {location}: shared by the app processes of this "
            "machine only, not by app servers on other machines"
        )
    return f"is {backend} at {location or 'its default location'}"


@register(deploy=True)
def cache_check(app_configs, **kwargs):
    if not settings.REDIS_URL:
        return [
            Warning(
                f"REDIS_URL is not set: the cache (pages, rate limits, navigation) "
                f"{_cache_whereabouts()}.",
                hint="Set REDIS_URL=redis://host:6379/0 in production.",
                id="mitplan.W001",
            )
        ]
    return []
