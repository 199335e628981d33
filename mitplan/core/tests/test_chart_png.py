"""The chart as a PNG: every language's labels in the site's fonts (no missing-glyph
boxes), right-to-left charts mirrored with their numbers in order, long labels kept
inside the picture, and a clear error when the fonts were never built."""

import io
import unicodedata
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation
from PIL import Image, ImageColor

from mitplan.core.chart_png import (
    BLUE,
    ELLIPSIS,
    INK,
    OBJECT,
    TRACK,
    WHITE,
    ChartPngUnavailable,
    _Face,
    _font_paths,
    _has_glyph,
    chart_png,
)
from mitplan.core.charts import BarChart, bar_chart

WHITE_RGB, BLUE_RGB, TRACK_RGB, INK_RGB = (
    ImageColor.getrgb(colour) for colour in (WHITE, BLUE, TRACK, INK)
)

LABELS = {
    "de": (
        "Wie gut fühlen Sie sich informiert?",
        ["sehr gut", "weniger gut – zu spät"],
    ),
    "tr": ("Ne kadar bilgilendirildiniz?", ["Çok iyi", "Işıklandırma ğüşıöç ĞÜŞİ"]),
    "ru": ("Насколько вы информированы?", ["Очень хорошо", "Плохо (ёлки, щётка)"]),
    "ar": ("ما مدى اطلاعك على التخطيط؟", ["جيد جدًا", "ليس جيدًا، للأسف"]),
    "fa": ("چقدر اطلاع دارید؟", ["خیلی خوب", "نمی‌دانم (گزینه‌ی ۳)"]),
}
# A label of every script mitplan's ten languages write, with digits and punctuation.
SCRIPT_SAMPLES = [
    "Straßenraum, Bürger (1–3): „gut“ – 45 %?",
    "Türkçe: ğüşıöç ĞÜŞİÖÇ, 2024!",
    "Polski: zażółć gęślą jaźń; Română: știință, țară",
    "Русский: ёлки, щётка; Українська: їжак, ґанок, є; Български: щъ №5",
    "العربية: جيد جدًا، ليس جيدًا؟ ٣٠٪ (12)",
    "فارسی: نمی‌دانم، برنامه‌ریزی گزینه‌ی ۳ پژوهش",
]


def _png(chart: BarChart, **kwargs) -> Image.Image:
    image = Image.open(io.BytesIO(chart_png(chart, **kwargs)))
    assert image.format == "PNG"
    return image


def _bars(image: Image.Image) -> list[tuple[int, int]]:
    """(top, bottom) of each bar, found in the middle column: track or bar colour."""
    rgb = image.convert("RGB")
    middle = image.width // 2
    rows, start = [], None
    for y in range(image.height + 1):
        inside = y < image.height and rgb.getpixel((middle, y)) in (
            TRACK_RGB,
            BLUE_RGB,
        )
        if inside and start is None:
            start = y
        elif not inside and start is not None:
            rows.append((start, y))
            start = None
    return rows


def _ink(image: Image.Image, top: int, bottom: int) -> tuple[int, int] | None:
    """Leftmost and rightmost column with anything but white between two rows."""
    band = image.convert("L").crop((0, top, image.width, bottom))
    box = band.point(lambda value: 255 if value < 255 else 0).getbbox()
    return (box[0], box[2]) if box else None


@pytest.mark.parametrize("language", LABELS)
def test_each_language_draws_its_labels_from_the_start_and_its_bars_from_there_too(
    language,
):
    title, labels = LABELS[language]
    rtl = language in settings.LANGUAGES_BIDI
    with translation.override(language):
        chart = bar_chart(title, zip(labels, [40, 20], strict=True), total=80)
        image = _png(chart, rtl=rtl, caption="2024")
    scale, margin = 2, 40
    assert image.mode == "P" and image.width == 1600
    (first_top, first_bottom), (top, bottom) = _bars(image)
    assert bottom - top == 28  # 14 px at twice the size

    # The label sits above its bar, on the side the language reads from (its first
    # letter's side bearing from the margin, a few pixels).
    left, right = _ink(image, first_bottom, top)
    if rtl:
        assert image.width - margin - 6 <= right <= image.width - margin
        assert left > image.width // 2
    else:
        assert margin <= left <= margin + 6
        assert right < image.width // 2

    # The second bar is a quarter of the track (20 of 80) and grows from the same
    # side as the first.
    rgb = image.convert("RGB")
    y = (top + bottom) // 2
    near, far = (image.width - margin - 2, margin + 2)
    if not rtl:
        near, far = far, near
    assert rgb.getpixel((near, y)) == BLUE_RGB
    assert rgb.getpixel((far, y)) == TRACK_RGB
    blue = [x for x in range(image.width) if rgb.getpixel((x, y)) == BLUE_RGB]
    assert len(blue) == round(760 * scale * 0.25)
    assert rgb.getpixel((0, 0)) == WHITE_RGB


@pytest.mark.parametrize("rtl", [False, True])
def test_a_300_character_label_wraps_and_stays_inside_the_margins(rtl):
    words = "Umgestaltung des Straßenraums und Bürgerbeteiligung " * 6
    label_with_words = words[:300]
    label_without_spaces = "ش" * 150 + "x" * 150
    chart = bar_chart(
        "Maßnahmen " * 20,
        [(label_with_words, 3), (label_without_spaces, 1)],
        note="Anmerkung " * 40,
    )
    image = _png(chart, rtl=rtl, caption="Beantwortet " * 20, scale=1)
    left, right = _ink(image, 0, image.height)
    assert left >= 20 and right <= image.width - 20

    # Three lines at most, the last one shortened, the value on it in full.
    face = _Face(_font_paths(400), 15)
    value = face.line("3 (75 %)", rtl=False)
    lines = face.paragraph(
        f"{label_with_words * 2}: {OBJECT}", rtl=rtl, width=760, max_lines=3, atom=value
    )
    assert len(lines) == 3
    assert all(line.extent <= 760 for line in lines)
    last = "".join(piece.text for piece in lines[-1].pieces)
    assert ELLIPSIS in last and "3 (75 %)" in last


def test_an_empty_chart_is_a_title_and_its_note():
    image = _png(BarChart(title="Noch keine Antworten", bars=[], total=0), scale=1)
    assert image.size == (800, 80)
    assert _bars(image) == []
    nobody = bar_chart("Frage", [("ja", 0), ("nein", 0)])
    image = _png(nobody, scale=1)
    assert len(_bars(image)) == 2
    assert BLUE_RGB not in set(image.convert("RGB").get_flattened_data())


@pytest.mark.parametrize("scale", [1, 3])
def test_the_png_is_a_small_palette_image_in_the_exact_colours(scale):
    chart = bar_chart("Frage", [("ja", 3), ("nein", 1)], note="Notiz")
    data = chart_png(chart, scale=scale)
    image = Image.open(io.BytesIO(data))
    image.load()
    assert (image.format, image.mode, image.width) == ("PNG", "P", 800 * scale)
    assert image.height == (40 + 2 * 52 + 40) * scale
    colours = set(image.convert("RGB").get_flattened_data())
    assert {WHITE_RGB, BLUE_RGB, TRACK_RGB, INK_RGB} <= colours
    assert len(data) < 12_000 * scale * scale


def test_a_right_to_left_line_keeps_the_value_and_bracketed_latin_in_order():
    face = _Face(_font_paths(400), 15)
    value = face.line("12 (30 %)", rtl=False)
    line = face.line(f"نعم: {OBJECT}", rtl=True, atom=value)
    # Left to right on the picture: the value as one unit, then the label.
    texts = [(piece.text, piece.direction) for piece in line.pieces]
    assert texts[0] == ("12 (30 %)", "ltr")
    assert texts[-1] == ("نعم", "rtl")
    line = face.line(f"Option B (Marktplatz): {OBJECT}", rtl=True, atom=value)
    texts = [(piece.text, piece.direction) for piece in line.pieces]
    assert texts[0] == ("12 (30 %)", "ltr")
    assert texts[-1] == ("Option B (Marktplatz)", "ltr")
    # Arabic in a left-to-right chart: its words right to left, the number after.
    line = face.line("abc واحد اثنان 12, def", rtl=False)
    assert [piece.text for piece in line.pieces if piece.text.strip()] == [
        "abc ",
        "12",
        "اثنان",
        "واحد",
        ", def",
    ]


def test_the_glyph_check_tells_a_glyph_from_the_missing_glyph():
    """_has_glyph compares a character drawn without shaping with the .notdef glyph
    (what a noncharacter gives); here it is shown to know what each file covers."""
    paths = _font_paths(400)
    expected = {
        "latin": ("a1 ,(%…–ıçö", "şğжشİ"),
        "latin-ext": ("şğİŞăţș", "a1ж"),
        "cyrillic": ("жёЁїґ ", "aş1ش"),
        "arabic": ("شلا،۳٣\u200c", "a1 (ж"),
    }
    for script, (present, missing) in expected.items():
        for character in present:
            assert _has_glyph(paths[script], character), (script, character)
        for character in missing:
            assert not _has_glyph(paths[script], character), (script, character)


@pytest.mark.parametrize("sample", SCRIPT_SAMPLES)
@pytest.mark.parametrize("weight", [400, 600])
def test_every_run_is_drawn_in_a_font_that_has_its_glyphs(sample, weight):
    face = _Face(_font_paths(weight), 15)
    for rtl in (False, True):
        line = face.line(sample, rtl=rtl)
        drawn = ""
        for piece in line.pieces:
            for character in piece.text:
                assert _has_glyph(face.paths[piece.script], character), (
                    piece.script,
                    f"U+{ord(character):04X}",
                )
            drawn += piece.text
        # Nothing lost on the way but invisible format characters.
        visible = unicodedata.normalize("NFC", sample)
        assert sorted(drawn) == sorted(visible)


def test_without_built_fonts_the_error_says_how_to_build_them(tmp_path):
    nowhere = override_settings(
        STATICFILES_DIRS=[tmp_path], STATIC_ROOT=tmp_path, BASE_DIR=tmp_path
    )
    with nowhere, pytest.raises(ChartPngUnavailable, match="npm run build"):
        chart_png(bar_chart("Frage", [("ja", 1)]))


@pytest.mark.skipif(
    not (Path(settings.BASE_DIR) / "node_modules" / "@fontsource").is_dir(),
    reason="no node_modules",
)
def test_without_built_assets_fontsource_s_files_do(tmp_path):
    with override_settings(STATICFILES_DIRS=[tmp_path], STATIC_ROOT=tmp_path):
        assert "node_modules" in _font_paths(400)["arabic"]
        image = _png(bar_chart("سؤال", [("نعم", 1)]), rtl=True, scale=1)
    assert image.width == 800
