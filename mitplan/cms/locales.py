"""Language codes of Wagtail locales by id, kept in memory: locales are created once
at setup and change almost never, and pages ask for them on every view."""

from functools import cache

from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale


@cache
def _codes() -> dict[int, str]:
    return dict(Locale.objects.values_list("pk", "language_code"))


def language_code(locale_id: int) -> str:
    codes = _codes()
    if locale_id not in codes:
        _codes.cache_clear()
        codes = _codes()
    return codes.get(locale_id, "")


def _clear(**kwargs):
    _codes.cache_clear()


post_save.connect(_clear, sender=Locale, dispatch_uid="mitplan-locale-codes")
post_delete.connect(_clear, sender=Locale, dispatch_uid="mitplan-locale-codes-delete")
