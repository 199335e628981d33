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


@register(deploy=True)
def cache_check(app_configs, **kwargs):
    if not settings.REDIS_URL:
        return [
            Warning(
                "REDIS_URL is not set: rate limits and the cache live in each "
                "process's memory, so several app servers do not share them.",
                hint="Set REDIS_URL=redis://host:6379/0 in production.",
                id="mitplan.W001",
            )
        ]
    return []
