import re

from django import template
from django.conf import settings
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

from mitplan.core.text import isolate
from mitplan.core.translation import translated_language

register = template.Library()


def _lang_attrs(language: str) -> str:
    direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', language, direction)


@register.filter
def shown_language(obj, field: str) -> str:
    """{{ field|shown_language:"description" }} → "de" where not translated yet."""
    return translated_language(obj, field)


@register.filter
def translated(obj, field: str):
    """A translated field's text, wrapped in <span lang="de"> where it falls back to
    German, so screen readers and the bidi algorithm treat it as German (WCAG 3.1.2)."""
    value = getattr(obj, field, "") or ""
    language = translated_language(obj, field)
    if language == get_language():
        return value
    return format_html("<span{}>{}</span>", _lang_attrs(language), value)


@register.filter
def page_lang(page) -> str:
    """' lang="de" dir="ltr"' for a page that is an untranslated (alias) copy."""
    if getattr(page, "alias_of_id", None) and get_language() != settings.LANGUAGE_CODE:
        return _lang_attrs(settings.LANGUAGE_CODE)
    return ""


@register.filter
def in_german(value):
    """German text (a file reference, a name) inside text of another language."""
    if get_language() == settings.LANGUAGE_CODE:
        return value
    return format_html('<bdi lang="{}">{}</bdi>', settings.LANGUAGE_CODE, value)


@register.filter
def bdi(value):
    """Isolate a name or other run of unknown direction inside a sentence."""
    return format_html("<bdi>{}</bdi>", value)


_SENTENCE_END = re.compile(r"(?<=[.!?؟।。])\s")


@register.filter
def brief(text, limit: int = 140) -> str:
    """The first sentence of a notice, or its first words up to `limit` characters
    with "…": what fits a phone's first screen (the full text is linked)."""
    text = " ".join((text or "").split())
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0]
    return f"{cut.rstrip(',;:')} …"


# Services use the same function from mitplan.core.text; templates use the filter.
register.filter("isolate", isolate)


_GROUP_SEPARATORS = "[,.\u00a0\u202f\u066c' ]?"


def _any_spelling(number: int) -> re.Pattern:
    """ "5000" as translators may write it: 5000, 5,000, 5.000, 5 000, ۵۰۰۰, ۵٬۰۰۰."""
    digits = str(number)
    parts = []
    for index, digit in enumerate(digits):
        if index and (len(digits) - index) % 3 == 0:
            parts.append(_GROUP_SEPARATORS)
        parts.append(
            f"(?:{digit}|[{chr(0x0660 + int(digit))}{chr(0x06F0 + int(digit))}])"
        )
    return re.compile(
        r"(?<![\d\u0660-\u0669\u06f0-\u06f9])"
        + "".join(parts)
        + r"(?![\d\u0660-\u0669\u06f0-\u06f9])"
    )


@register.filter
def limit_in_language(help_text, field) -> str:
    """A field's hint with its length limit written as the server and the live count
    write numbers in the reader's language ("5 000" in Ukrainian, "5000" in Farsi,
    Latin digits throughout), however the translation spelled it."""
    limit = getattr(getattr(field, "field", field), "max_length", None)
    if not help_text or not limit:
        return help_text
    written = number_format(limit, force_grouping=True)
    return _any_spelling(limit).sub(written, str(help_text))
