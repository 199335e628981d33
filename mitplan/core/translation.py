"""Helpers for fields translated with django-modeltranslation."""

from django.conf import settings
from django.utils.translation import get_language


def translated_language(obj, field: str) -> str:
    """The language a translated field is shown in now: the active one, or German
    when it has no translation yet (so templates can mark it with lang="de")."""
    language = get_language() or settings.LANGUAGE_CODE
    if language != settings.LANGUAGE_CODE and not getattr(
        obj, f"{field}_{language}", ""
    ):
        return settings.LANGUAGE_CODE
    return language
