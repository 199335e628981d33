"""The shipped Arabic faces are cut to the basic Arabic block (frontend/build.mjs):
everything mitplan itself writes in Arabic and Farsi must be drawn by them, not by
whatever fallback font a reader's system has."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Any Arabic-script block: basic, supplement, extended, presentation forms.
ARABIC_SCRIPT = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
)


def arabic_range() -> list[tuple[int, int]]:
    scss = (ROOT / "frontend" / "scss" / "_fonts.scss").read_text()
    declared = re.search(r"\$arabic-range:([^;]+);", scss).group(1)
    ranges = []
    for first, last in re.findall(r"U\+([0-9A-Fa-f]+)(?:-([0-9A-Fa-f]+))?", declared):
        ranges.append((int(first, 16), int(last or first, 16)))
    return ranges


def test_the_arabic_face_is_declared_for_what_the_build_keeps():
    build = (ROOT / "frontend" / "build.mjs").read_text()
    kept = re.search(r"ARABIC_RANGES = \[(.*?)\];", build, re.DOTALL).group(1)
    kept = [
        (int(first, 16), int(last, 16))
        for first, last in re.findall(r"\[0x([0-9a-f]+), 0x([0-9a-f]+)\]", kept)
    ]
    assert kept == arabic_range()


def test_every_arabic_letter_mitplan_writes_is_in_the_shipped_faces():
    ranges = arabic_range()
    sources = [
        ROOT / "mitplan" / "locale" / language / "LC_MESSAGES" / "django.po"
        for language in ("ar", "fa")
    ] + [ROOT / "mitplan" / "demo" / "translations" / f"{x}.py" for x in ("ar", "fa")]
    outside = set()
    for source in sources:
        for character in ARABIC_SCRIPT.findall(source.read_text(encoding="utf-8")):
            if not any(first <= ord(character) <= last for first, last in ranges):
                outside.add(f"U+{ord(character):04X} in {source.name}")
    assert not outside, sorted(outside)
