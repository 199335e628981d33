"""Bar charts that pass the strict CSP and say their numbers as text.

A chart is a list of bars, each with its count and its share printed next to it;
the bar itself is an SVG rectangle whose width is an attribute (no inline style),
hidden from screen readers, who hear the numbers. Survey results, statistics and
"who answers how quickly" draw with it (templates/components/bar_chart.html)."""

from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: float  # of the chart's total, for the text ("12.5 %")
    width: int  # 0–100: the bar's length, its share of the whole track
    text: str = ""  # instead of "count (percent)", e.g. "average place 1.8"


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    total: int  # what the percentages are of (e.g. the people who answered)
    note: str = ""  # e.g. "Several answers possible: the shares add up to more."

    @property
    def is_empty(self) -> bool:
        return self.total == 0


def bar_chart(
    title: str,
    counts: Iterable[tuple[str, int]],
    *,
    total: int | None = None,
    note: str = "",
) -> BarChart:
    """Bars in the order given. `total` defaults to the sum of the counts; with
    several answers per person, pass the number of people instead."""
    counts = [(str(label), max(int(count), 0)) for label, count in counts]
    total = sum(count for _label, count in counts) if total is None else total
    # Bars are drawn to scale on a track that stands for 100 %, so a bar's
    # length reads as its share (46 % is not drawn as a full bar).
    scale = max(total, max((count for _label, count in counts), default=0))
    return BarChart(
        title=title,
        total=total,
        note=note,
        bars=[
            Bar(
                label=label,
                count=count,
                percent=round(100 * count / total, 1) if total else 0.0,
                # A bar of 1 stays visible; none only for 0.
                width=max(round(100 * count / scale), 1 if count else 0)
                if scale
                else 0,
            )
            for label, count in counts
        ],
    )


def chart_svg(chart: BarChart, *, rtl: bool = False, caption: str = "") -> str:
    """The chart as a standalone SVG file (press, council papers): labels and
    numbers as text, right-aligned with bars growing from the right for a
    right-to-left language, numbers isolated so they keep their order."""
    width, margin, row = 800, 20, 52
    inner = width - 2 * margin
    top = 56 if caption else 40
    height = top + row * len(chart.bars) + 40
    anchor, x = ("end", width - margin) if rtl else ("start", margin)
    direction = ' direction="rtl"' if rtl else ""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Noto Sans, Arial, sans-serif" '
        f'font-size="15" role="img"{direction}>',
        f"<title>{escape(chart.title)}</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{x}" y="28" text-anchor="{anchor}" font-size="18" '
        f'font-weight="bold" fill="#171717">{escape(chart.title)}</text>',
    ]
    if caption:
        lines.append(
            f'<text x="{x}" y="48" text-anchor="{anchor}" fill="#4b5563">'
            f"{escape(caption)}</text>"
        )
    for index, bar in enumerate(chart.bars):
        y = top + index * row
        value = value_text(bar)
        # \u2068 … \u2069: first-strong isolate, so "12 (30 %)" reads the same in
        # both directions.
        lines.append(
            f'<text x="{x}" y="{y + 16}" text-anchor="{anchor}" fill="#171717">'
            f"{escape(bar.label)}: \u2068{escape(value)}\u2069</text>"
        )
        length = round(inner * bar.width / 100, 1)
        start = width - margin - length if rtl else margin
        lines.append(
            f'<rect x="{margin}" y="{y + 24}" width="{inner}" height="14" '
            f'fill="#eef1f5"/>'
        )
        lines.append(
            f'<rect x="{start}" y="{y + 24}" width="{length}" height="14" '
            f'fill="#1d4ed8"/>'
        )
    lines.append(
        f'<text x="{x}" y="{height - 14}" text-anchor="{anchor}" fill="#4b5563" '
        f'font-size="13">{escape(chart.note)}</text>'
    )
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def value_text(bar: Bar) -> str:
    """What a downloaded chart writes beside a bar: its own text, or "count (percent %)"."""
    return bar.text or f"{bar.count} ({_number(bar.percent)} %)"


def _number(value: float) -> str:
    from django.utils.formats import number_format

    return number_format(value, decimal_pos=0 if value == int(value) else 1)
