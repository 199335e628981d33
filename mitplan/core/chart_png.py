"""A bar chart as a PNG for press and council papers: the same picture as
charts.chart_svg, drawn with Pillow in the site's own fonts.

Pillow draws one text in one font, and each of the site's font files covers only
some scripts (they are cut to unicode ranges for the browser, frontend/build.mjs;
the Arabic one even lacks the space and the ASCII digits). So every text is split
into runs, each drawn in the font that has its glyphs, and the runs are placed by
a small bidi algorithm (UAX #9 without explicit embeddings): Arabic-script runs are
shaped right to left by raqm, Latin and digit runs keep their inner order, and the
value "12 (30 %)" is one isolated unit, as in the SVG."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from PIL import Image, ImageColor, ImageDraw, ImageFont, features

from mitplan.core.charts import BarChart, value_text

WIDTH, MARGIN = 800, 20
WHITE, INK, GREY, TRACK, BLUE = "#ffffff", "#171717", "#4b5563", "#eef1f5", "#1d4ed8"

# Per script and weight: the file in the built assets (dist/fonts/, from
# `npm run build`) and Fontsource's source file in node_modules/@fontsource/.
FONT_FILES = {
    ("latin", 400): ("FiraSans-latin-400", "fira-sans/files/fira-sans-latin-400"),
    ("latin", 600): ("FiraSans-latin-600", "fira-sans/files/fira-sans-latin-600"),
    ("latin-ext", 400): (
        "FiraSans-latin-ext-400",
        "fira-sans/files/fira-sans-latin-ext-400",
    ),
    ("latin-ext", 600): (
        "FiraSans-latin-ext-600",
        "fira-sans/files/fira-sans-latin-ext-600",
    ),
    ("cyrillic", 400): (
        "FiraSans-cyrillic-400",
        "fira-sans/files/fira-sans-cyrillic-400",
    ),
    ("cyrillic", 600): (
        "FiraSans-cyrillic-600",
        "fira-sans/files/fira-sans-cyrillic-600",
    ),
    ("arabic", 400): (
        "NotoSansArabic-Regular",
        "noto-sans-arabic/files/noto-sans-arabic-arabic-400",
    ),
    ("arabic", 600): (
        "NotoSansArabic-SemiBold",
        "noto-sans-arabic/files/noto-sans-arabic-arabic-600",
    ),
}
SCRIPTS = ("latin", "latin-ext", "cyrillic", "arabic")  # also the fallback order
ARABIC_SCRIPT = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufefe]"
)
OBJECT = "\ufffc"  # stands for the isolated value inside a line (bidi class ON)
ELLIPSIS = "\u2026"
BRACKETS = {"(": ")", "[": "]", "{": "}", "\uff08": "\uff09", "\u2045": "\u2046"}
EXPLICIT = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}


class ChartPngUnavailable(RuntimeError):
    """The PNG cannot be drawn on this server (fonts not built, Pillow without
    raqm); the message says how to fix it."""


def chart_png(
    chart: BarChart, *, rtl: bool = False, caption: str = "", scale: int = 2
) -> bytes:
    """The chart as a PNG, 800 × scale pixels wide: title, caption, one row per bar
    (label with its value, grey track, blue bar), the note. For a right-to-left
    language everything is right-aligned and the bars grow from the right."""
    if not 1 <= scale <= 4:
        raise ValueError(f"scale must be 1 to 4, not {scale}")
    regular = _font_paths(400)
    title_face = _Face(_font_paths(600), 18 * scale)
    text_face, note_face = _Face(regular, 15 * scale), _Face(regular, 13 * scale)
    width, margin, inner = WIDTH * scale, MARGIN * scale, (WIDTH - 2 * MARGIN) * scale

    # Where everything goes: the lines of text (line, colour, baseline), the bars.
    texts: list[tuple[_Line, str, int]] = []
    bars: list[tuple[int, int]] = []  # (top, length)

    def place(lines: list[_Line], colour: str, baseline: int, step: int) -> int:
        for number, line in enumerate(lines):
            texts.append((line, colour, baseline + number * step * scale))
        return baseline + (len(lines) - 1) * step * scale

    paragraph = {"rtl": rtl, "width": inner}
    baseline = place(
        title_face.paragraph(chart.title, max_lines=2, **paragraph),
        INK,
        28 * scale,
        24,
    )
    if caption:
        baseline = place(
            text_face.paragraph(caption, max_lines=2, **paragraph),
            GREY,
            baseline + 20 * scale,
            20,
        )
    top = baseline + (8 if caption else 12) * scale
    for bar in chart.bars:
        value = value_text(bar)
        # The value is isolated (first strong character decides, as the SVG's
        # U+2068): "12 (30 %)" reads the same in both directions.
        atom = text_face.shorten(
            value, rtl=_first_strong_is_rtl(value), width=inner // 2
        )
        lines = text_face.paragraph(
            f"{bar.label}: {OBJECT}", max_lines=3, atom=atom, **paragraph
        )
        baseline = place(lines, INK, top + 16 * scale, 22)
        bars.append((baseline + 8 * scale, round(inner * bar.width / 100)))
        top = baseline + 36 * scale
    baseline = place(
        note_face.paragraph(chart.note, max_lines=3, **paragraph),
        GREY,
        top + 26 * scale,
        18,
    )
    height = baseline + 14 * scale

    image = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    for line, colour, y in texts:
        left, right = line.overhang
        x = width - margin - right - line.width if rtl else margin + left
        line.draw(draw, x, y, colour)
    for y, length in bars:
        draw.rectangle((margin, y, margin + inner - 1, y + 14 * scale - 1), TRACK)
        if length:
            start = width - margin - length if rtl else margin
            draw.rectangle((start, y, start + length - 1, y + 14 * scale - 1), BLUE)
    output = BytesIO()
    _quantized(image).save(output, "PNG", optimize=True, dpi=(96 * scale, 96 * scale))
    return output.getvalue()


def _quantized(image: Image.Image) -> Image.Image:
    """The image in a palette of its flat colours and the anti-aliasing steps
    between the text colours and white: half the size, the colours exact. (Pillow
    looks colours up in a 6-bit cube, so the steps are kept apart enough for white
    to stay white.)"""
    white = ImageColor.getrgb(WHITE)
    palette = {white, ImageColor.getrgb(TRACK), ImageColor.getrgb(BLUE)}
    for colour, steps in ((INK, 24), (GREY, 16)):
        rgb = ImageColor.getrgb(colour)
        for step in range(steps):
            palette.add(
                tuple(
                    round(c + (w - c) * step / (steps - 1))
                    for c, w in zip(rgb, white, strict=True)
                )
            )
    reference = Image.new("P", (1, 1))
    reference.putpalette([value for rgb in sorted(palette) for value in rgb])
    return image.quantize(palette=reference, dither=Image.Dither.NONE)


# Fonts


def _font_paths(weight: int) -> dict[str, str]:
    """The site's font files of one weight, by script: found like any static file
    (the built assets), else in STATIC_ROOT, else in Fontsource's sources."""
    if not features.check("raqm"):
        raise ChartPngUnavailable(
            "Drawing a chart as PNG needs Pillow built with libraqm (right-to-left "
            "and Arabic shaping); install libraqm and reinstall Pillow."
        )
    return {script: _font_path(*FONT_FILES[script, weight]) for script in SCRIPTS}


def _font_path(built: str, source: str) -> str:
    name = f"dist/fonts/{built}.woff2"
    found = finders.find(name)
    if found:
        return found
    try:
        collected = Path(staticfiles_storage.path(name))
    except NotImplementedError:  # a storage without local files
        collected = None
    if collected and collected.is_file():
        return str(collected)
    npm = (
        Path(settings.BASE_DIR)
        / "node_modules"
        / "@fontsource"
        / f"{source}-normal.woff2"
    )
    if npm.is_file():
        return str(npm)
    raise ChartPngUnavailable(
        f"The chart fonts are missing: {name} is neither among the static files nor "
        f"in STATIC_ROOT, and {npm} does not exist. Build the assets (`make assets`, "
        f"i.e. `npm run build`; then collectstatic where they are collected)."
    )


@lru_cache(maxsize=64)
def _truetype(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)


@lru_cache(maxsize=16)
def _probe(path: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, 32, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=8192)
def _has_glyph(path: str, character: str) -> bool:
    """Whether the font maps the character to a glyph of its own. Pillow does not
    show the character map, so the character is drawn without shaping (the basic
    layout asks FreeType's cmap directly) and compared with what a noncharacter,
    which no font maps, gives: the .notdef glyph — the same mask and advance means
    missing. (Fira's .notdef is a box; Noto Sans Arabic's is empty but 600 units
    wide, so its missing characters would leave gaps.)"""
    font = _probe(path)
    notdef, mask = font.getmask("\uffff"), font.getmask(character)
    return not (
        mask.size == notdef.size
        and bytes(mask) == bytes(notdef)
        and font.getlength(character) == font.getlength("\uffff")
    )


def _script(character: str) -> str | None:
    """The font a letter asks for; None for neutrals (spaces, digits, punctuation,
    marks), which join the run around them."""
    code = ord(character)
    if ARABIC_SCRIPT.match(character):
        return "arabic"
    if 0x0400 <= code <= 0x052F:
        return "cyrillic"
    if 0x0100 <= code <= 0x024F or 0x1E00 <= code <= 0x1EFF:
        return "latin-ext"
    if unicodedata.category(character).startswith("L"):
        return "latin"
    return None


# Lines


@dataclass(frozen=True)
class _Piece:
    font: ImageFont.FreeTypeFont
    text: str
    direction: str  # "ltr" or "rtl": how raqm orders the characters inside
    width: float
    script: str


@dataclass(frozen=True)
class _Line:
    pieces: list[_Piece]  # in visual order, left to right

    @property
    def width(self) -> float:
        return sum(piece.width for piece in self.pieces)

    @property
    def overhang(self) -> tuple[float, float]:
        """How far the ink reaches beyond the advance on the left and the right
        (an Arabic initial's stroke, an italic-like swash), so it stays inside."""
        if not self.pieces:
            return 0.0, 0.0
        first, last = self.pieces[0], self.pieces[-1]
        left = first.font.getbbox(first.text, direction=first.direction, anchor="ls")
        right = last.font.getbbox(last.text, direction=last.direction, anchor="ls")
        return max(0.0, -left[0]), max(0.0, right[2] - last.width)

    @property
    def extent(self) -> float:
        return self.width + sum(self.overhang)

    def draw(self, draw: ImageDraw.ImageDraw, x: float, baseline: int, colour: str):
        for piece in self.pieces:
            # Anchored at the baseline, so the fonts of one line sit on one line.
            draw.text(
                (x, baseline),
                piece.text,
                font=piece.font,
                fill=colour,
                anchor="ls",
                direction=piece.direction,
            )
            x += piece.width


class _Face:
    """One size of one weight of the site's fonts: a font per script."""

    def __init__(self, paths: dict[str, str], size: int):
        self.paths = paths
        self.fonts = {script: _truetype(path, size) for script, path in paths.items()}

    def has(self, script: str, character: str) -> bool:
        return _has_glyph(self.paths[script], character)

    def line(self, text: str, *, rtl: bool, atom: _Line | None = None) -> _Line:
        """One line of a paragraph, its runs in visual order; OBJECT in the text
        stands for `atom`, laid out on its own."""
        text = "".join(
            c
            for c in unicodedata.normalize("NFC", text)
            if unicodedata.bidirectional(c) not in EXPLICIT
        )
        levels = _levels(text, rtl=rtl)
        runs: list[list] = []  # [level, script, text]
        for character, level, script in zip(
            text, levels, self._scripts(text), strict=True
        ):
            if not script:
                continue  # a format character no font has (e.g. LRM): invisible
            if script == "space":
                character, script = " ", "latin"
            if runs and runs[-1][:2] == [level, script] and script != "atom":
                runs[-1][2] += character
            else:
                runs.append([level, script, character])
        pieces = []
        for level, script, run in _reordered(runs):
            if script == "atom":
                pieces.extend(atom.pieces if atom else [])
                continue
            font, direction = self.fonts[script], "rtl" if level % 2 else "ltr"
            width = font.getlength(run, direction=direction)
            pieces.append(_Piece(font, run, direction, width, script))
        return _Line(pieces)

    def _scripts(self, text: str) -> list[str | None]:
        """The font of each character: letters that of their script (or the first
        that has them), neutrals that of the run before or after when it has the
        glyph, else the first font that has it."""
        scripts = []
        for character in text:
            script = _script(character)
            if script and not self.has(script, character):
                script = next((s for s in SCRIPTS if self.has(s, character)), script)
            scripts.append(script)
        resolved: list[str | None] = []
        for index, character in enumerate(text):
            script = scripts[index]
            if character == OBJECT:
                script = "atom"
            elif script is None:
                before = resolved[-1] if resolved else None
                after = next((s for s in scripts[index + 1 :] if s), None)
                candidates = [s for s in (before, after) if s in SCRIPTS]
                script = next(
                    (s for s in [*candidates, *SCRIPTS] if self.has(s, character)),
                    None,
                )
                # A space no font has (U+202F) is drawn as a plain space, an
                # invisible format character (LRM) not at all, anything else
                # as Fira's box: a missing glyph should show.
                if script is None and unicodedata.category(character) == "Zs":
                    script = "space"
                elif script is None and unicodedata.category(character) != "Cf":
                    script = "latin"
            resolved.append(script)
        return resolved

    def paragraph(
        self,
        text: str,
        *,
        rtl: bool,
        width: int,
        max_lines: int,
        atom: _Line | None = None,
    ) -> list[_Line]:
        """The text broken into lines of at most `width` (between words, inside a
        word only when it is longer than a line); beyond `max_lines` the last line
        ends in "…". A text ending in OBJECT keeps the atom on its last line."""

        def fits(part: str) -> bool:
            line = self.line(part, rtl=rtl, atom=atom)
            return line.width <= width and line.extent <= width

        words = [[m.start(), m.end()] for m in re.finditer(r"\S+", text)]
        spans = []
        index = 0
        while index < len(words):
            start, last = words[index][0], index
            while last + 1 < len(words) and fits(text[start : words[last + 1][1]]):
                last += 1
            end = words[last][1]
            if not fits(text[start:end]):  # one word longer than the line
                end = start + max(_longest(text[start:end], "", fits), 1)
                spans.append((start, end))
                words[index][0] = end
                continue
            spans.append((start, end))
            index = last + 1
        if len(spans) > max_lines:
            rest = text[spans[max_lines - 1][0] :]
            tail = ELLIPSIS
            if rest.endswith(OBJECT):
                rest = rest[:-1].rstrip().removesuffix(":")
                tail = f"{ELLIPSIS}: {OBJECT}"
            cut = _longest(rest, tail, fits)
            spans = spans[: max_lines - 1]
            lines = [self.line(text[s:e], rtl=rtl, atom=atom) for s, e in spans]
            return [*lines, self.line(rest[:cut].rstrip() + tail, rtl=rtl, atom=atom)]
        return [self.line(text[s:e], rtl=rtl, atom=atom) for s, e in spans] or [
            _Line([])
        ]

    def shorten(self, text: str, *, rtl: bool, width: int) -> _Line:
        """One line of at most `width`, ending in "…" if the text is longer."""
        line = self.line(text, rtl=rtl)
        if line.extent <= width:
            return line
        cut = _longest(text, ELLIPSIS, lambda t: self.line(t, rtl=rtl).extent <= width)
        return self.line(text[:cut].rstrip() + ELLIPSIS, rtl=rtl)


def _longest(text: str, tail: str, fits) -> int:
    """The most characters of `text` that, with `tail`, still fit (0 if none);
    never between a letter and its combining mark."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(text[:middle].rstrip() + tail):
            low = middle
        else:
            high = middle - 1
    while 0 < low < len(text) and unicodedata.combining(text[low]):
        low -= 1
    return low


def _first_strong_is_rtl(text: str) -> bool:
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in ("L", "R", "AL"):
            return kind != "L"
    return False


# Bidi: UAX #9 for one paragraph without explicit embeddings or isolates (the
# value is isolated by laying it out on its own). Rules named as in the standard.

STRONG_OR_NUMBER = ("L", "R", "EN", "AN")


def _levels(text: str, *, rtl: bool) -> list[int]:
    """The embedding level of each character."""
    base = "R" if rtl else "L"
    types: list[str] = []
    for character in text:
        kind = unicodedata.bidirectional(character) or "L"
        if kind in ("NSM", "BN"):  # W1 (and X9: joiners go with their neighbour)
            kind = types[-1] if types else base
        types.append(kind)
    strong = base
    for index, kind in enumerate(types):  # W2, W3
        if kind in ("L", "R", "AL"):
            strong = kind
        if kind == "EN" and strong == "AL":
            types[index] = "AN"
        elif kind == "AL":
            types[index] = "R"
    for index in range(1, len(types) - 1):  # W4
        before, kind, after = types[index - 1 : index + 2]
        if before == after == "EN" and kind in ("ES", "CS"):
            types[index] = "EN"
        elif before == after == "AN" and kind == "CS":
            types[index] = "AN"
    for start, end in _spans(types, lambda kind: kind == "ET"):  # W5
        if (start and types[start - 1] == "EN") or (
            end < len(types) and types[end] == "EN"
        ):
            types[start:end] = ["EN"] * (end - start)
    strong = base
    for index, kind in enumerate(types):  # W6 needs nothing: all else is neutral
        if kind in ("L", "R"):
            strong = kind
        elif kind == "EN" and strong == "L":  # W7
            types[index] = "L"
    _resolve_brackets(text, types, base)
    for start, end in _spans(types, lambda kind: kind not in STRONG_OR_NUMBER):
        before = types[start - 1] if start else base  # N1, N2
        after = types[end] if end < len(types) else base
        before, after = ("L" if k == "L" else "R" for k in (before, after))
        types[start:end] = [before if before == after else base] * (end - start)
    if rtl:  # I2
        return [1 if kind == "R" else 2 for kind in types]
    return [0 if kind == "L" else 1 if kind == "R" else 2 for kind in types]  # I1


def _resolve_brackets(text: str, types: list[str], base: str) -> None:
    """N0: a bracket pair takes the direction of what it encloses, so that
    "Option B (Marktplatz)" keeps its brackets in a right-to-left chart."""
    pairs, stack = [], []
    for index, character in enumerate(text):
        if types[index] not in STRONG_OR_NUMBER:
            if character in BRACKETS:
                stack.append((BRACKETS[character], index))
            elif character in BRACKETS.values():
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == character:
                        pairs.append((stack[depth][1], index))
                        del stack[depth:]
                        break
    for opening, closing in sorted(pairs):
        inside = {
            "L" if kind == "L" else "R"
            for kind in types[opening + 1 : closing]
            if kind in STRONG_OR_NUMBER
        }
        if not inside:
            continue
        if base in inside:
            direction = base
        else:
            before = next(
                (k for k in reversed(types[:opening]) if k in STRONG_OR_NUMBER), base
            )
            direction = "L" if before == "L" else "R"
            if direction not in inside:
                direction = base
        types[opening] = types[closing] = direction


def _spans(items: list, belongs) -> list[tuple[int, int]]:
    """(start, end) of each longest stretch of items that belong."""
    spans, start = [], None
    for index, item in enumerate([*items, None]):
        inside = index < len(items) and belongs(item)
        if inside and start is None:
            start = index
        elif not inside and start is not None:
            spans.append((start, index))
            start = None
    return spans


def _reordered(runs: list[list]) -> list[list]:
    """L2: from the highest level down to the lowest odd one, reverse every stretch
    of runs at that level or higher."""
    runs = list(runs)
    levels = [run[0] for run in runs]
    odd = [level for level in levels if level % 2]
    if not odd:
        return runs
    for level in range(max(levels), min(odd) - 1, -1):
        for start, end in _spans([run[0] >= level for run in runs], bool):
            runs[start:end] = runs[start:end][::-1]
    return runs
