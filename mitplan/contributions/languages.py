"""The language of a contribution or a comment: recognised from its text (the
detector lives in mitplan.core.languages; this import stays for callers that know
it here), or chosen by its author among the languages residents write in.

A stored language is always a known code: the site's ten languages and the other
languages residents are offered (Kurdî, پښتو, ትግርኛ, …). Model choices refuse any
other code in every form and service (they call full_clean), and a database
constraint refuses it on every other path (updates, bulk writes, raw SQL).
"""

from django.db.models import Q

from mitplan.core.languages import detect_language
from mitplan.processes.forms import SPOKEN_LANGUAGES

__all__ = ["detect_language", "is_known_language", "known_language", "language_choices"]


def language_choices() -> list[tuple[str, str]]:
    return list(SPOKEN_LANGUAGES.items())


def is_known_language(code: str) -> bool:
    return code in SPOKEN_LANGUAGES


def known_language() -> Q:
    """The condition of the database constraint on a `language` column."""
    return Q(language__in=sorted(SPOKEN_LANGUAGES))
