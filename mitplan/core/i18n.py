"""The site's languages and texts kept per language (django-modeltranslation's
`field_de`, `field_ar`, …): one place for what statements, status notices and
(next) surveys all need — read them, set them, offer a form field for each.

Which languages residents *write* in, and recognising one from a text, are in
core.languages."""

from collections.abc import Callable

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info


def site_languages() -> list[str]:
    """The ten UI languages, German (the source) first."""
    return [code for code, _name in settings.LANGUAGES]


def other_languages() -> list[str]:
    """The UI languages a text is translated into from the German source."""
    return [code for code in site_languages() if code != settings.LANGUAGE_CODE]


def language_name(code: str) -> str:
    """The language's name in the reader's language ("Arabisch" on a German page)."""
    return str(get_language_info(code)["name_translated"])


def texts_of(obj, field: str) -> dict[str, str]:
    """{"de": …, "ar": …} of a field kept per language ("" where empty)."""
    return {
        code: getattr(obj, f"{field}_{code}", None) or "" for code in site_languages()
    }


def texts_set(obj, field: str, texts: dict[str, str], *, only=None) -> None:
    """Set a field per language from {"de": …}; unknown codes are ignored, texts
    stripped. `only`: the codes that may be set (e.g. other_languages())."""
    allowed = set(only if only is not None else site_languages())
    for code, text in texts.items():
        if code in allowed:
            setattr(obj, f"{field}_{code}", (text or "").strip())


def per_language_fields(
    form: forms.Form,
    prefix: str,
    codes: list[str],
    make: Callable[[str], forms.Field],
) -> None:
    """Add a form field `<prefix>_<code>` for each language, made by make(code)."""
    for code in codes:
        form.fields[f"{prefix}_{code}"] = make(code)


def per_language_values(form: forms.Form, prefix: str, codes: list[str]) -> dict:
    """{"de": …} of the cleaned per-language fields."""
    return {code: form.cleaned_data.get(f"{prefix}_{code}") or "" for code in codes}
