"""A light guess of the language a contribution is written in, so the form can
propose it; the author can always change it."""

import re

SCRIPT_HINTS = [
    (re.compile(r"[\u0600-\u06FF]"), None),  # Arabic script: Arabic or Farsi, see below
    (re.compile(r"[\u0400-\u04FF]"), None),  # Cyrillic: Russian, Ukrainian, Bulgarian
]
FARSI_LETTERS = re.compile(r"[پچژگکی]")
UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
BULGARIAN_WORDS = re.compile(r"\b(на|за|и|да|се|не|от|със|ще|съм|това|които)\b")
RUSSIAN_LETTERS = re.compile(r"[ыэъЫЭ]")
WORDS = {
    "de": {
        "und",
        "der",
        "die",
        "das",
        "nicht",
        "ist",
        "ich",
        "wir",
        "für",
        "mit",
        "mehr",
        "es",
    },
    "en": {
        "the",
        "and",
        "is",
        "for",
        "with",
        "more",
        "we",
        "not",
        "of",
        "to",
        "in",
        "are",
    },
    "tr": {
        "ve",
        "bir",
        "için",
        "daha",
        "çok",
        "bu",
        "ile",
        "da",
        "de",
        "olarak",
        "var",
    },
    "pl": {"i", "w", "nie", "na", "się", "jest", "dla", "że", "więcej", "oraz", "to"},
    "ro": {"și", "de", "la", "pentru", "este", "mai", "cu", "nu", "în", "să", "că"},
}


def detect_language(text: str, *, fallback: str) -> str:
    sample = text[:2000]
    if re.search(r"[\u0600-\u06FF]", sample):
        return "fa" if FARSI_LETTERS.search(sample) else "ar"
    if re.search(r"[\u0400-\u04FF]", sample):
        if UKRAINIAN_LETTERS.search(sample):
            return "uk"
        if not RUSSIAN_LETTERS.search(sample) and BULGARIAN_WORDS.search(
            sample.lower()
        ):
            return "bg"
        return "ru"
    words = re.findall(r"\w+", sample.lower())
    scores = {
        code: sum(word in vocabulary for word in words)
        for code, vocabulary in WORDS.items()
    }
    best = max(scores, key=scores.get)
    return best if scores[best] >= 2 else fallback
