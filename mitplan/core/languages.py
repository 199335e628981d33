"""Which of the site's languages a resident's text is written in.

A contribution or a comment keeps the language it was written in: it marks the text
(`lang`, so screen readers pick the right voice and browsers the right hyphenation),
filters the list and counts in the statistics. It comes from the text, never from
the page it was sent from: a German comment on the Arabic page is German.

The detector is lingua (character n-gram models shipped in its wheel, no network),
restricted to the site's languages: fewer candidates, fewer confusions, and its
rules know the letters only one of them writes (Persian پ چ ژ گ, Ukrainian і ї є ґ,
Bulgarian ъ inside words). It runs in its low-accuracy mode: trigram models only,
about 40 MB per process instead of about 340 MB, a twentieth of a millisecond per
text, and as accurate on our labelled sample of residents' texts
(mitplan/contributions/tests/test_languages.py reports the figures).
"""

import re
from functools import cache

from django.conf import settings
from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

# Below this share of the confidence the text does not decide between the languages
# it could be written in ("Super", "Благодаря", "Kita"); the page's language then
# wins if the text could be written in it. Above it the text decides.
CONFIDENT = 0.5
SAMPLE_LENGTH = 2000
# Addresses are not language: "https://example.org" alone would read as Romanian.
ADDRESSES = re.compile(r"\S+://\S+|www\.\S+|\S+@\S+\.\S+")


def site_language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@cache
def _detector(codes: tuple[str, ...]):
    languages = []
    for code in codes:
        try:
            iso_code = getattr(IsoCode639_1, code.upper())
        except AttributeError:  # a language lingua has no model for
            continue
        languages.append(Language.from_iso_code_639_1(iso_code))
    return (
        LanguageDetectorBuilder.from_languages(*languages)
        .with_low_accuracy_mode()
        .build()
    )


def detect_language(text: str, *, fallback: str) -> str:
    """The site language `text` is written in; `fallback` (the page's language)
    only where the text says nothing (no letters) or cannot decide between it and
    others of its script. Always one of settings.LANGUAGES: a fallback that is
    none of them gives way to settings.LANGUAGE_CODE."""
    codes = site_language_codes()
    if fallback not in codes:
        fallback = settings.LANGUAGE_CODE
    sample = ADDRESSES.sub(" ", text[:SAMPLE_LENGTH])
    confidences = {
        value.language.iso_code_639_1.name.lower(): value.value
        for value in _detector(tuple(codes)).compute_language_confidence_values(sample)
    }
    best = max(confidences, key=confidences.get, default=fallback)
    if not confidences.get(best):
        return fallback
    if confidences[best] < CONFIDENT and confidences.get(fallback):
        return fallback
    return best
