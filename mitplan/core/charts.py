"""Bar charts that pass the strict CSP and say their numbers as text.

A chart is a list of bars, each with its count and its share printed next to it;
the bar itself is an SVG rectangle whose width is an attribute (no inline style),
hidden from screen readers, who hear the numbers. Survey results, statistics and
"who answers how quickly" draw with it (templates/components/bar_chart.html)."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: float  # of the chart's total, for the text ("12.5 %")
    width: int  # 0–100: the bar's length relative to the longest bar


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
    longest = max((count for _label, count in counts), default=0)
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
                width=max(round(100 * count / longest), 1 if count else 0)
                if longest
                else 0,
            )
            for label, count in counts
        ],
    )
