"""Plain text for the index and its case- and accent-folded copy."""

import re
import unicodedata

from django.utils.html import strip_tags

MAX_BODY = 100_000  # PostgreSQL's tsvector holds at most 1 MB
# Control characters (NUL included) never reach the index or a query.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")


def clean(text: str, limit: int = MAX_BODY) -> str:
    text = _CONTROL.sub(" ", str(text or ""))
    return _SPACE.sub(" ", text).strip()[:limit]


def plain(html: str) -> str:
    """Text of an HTML fragment (tags stripped, entities kept as they read)."""
    from html import unescape

    return clean(unescape(strip_tags(str(html or "").replace("<", " <"))))


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Bildungsförderung' -> 'bildungsforderung'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()
