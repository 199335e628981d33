"""The bar-chart component: numbers as text, bars sized without inline styles (the
CSP forbids them), shares of the right total, and nothing to hear from the bars."""

import re

from django.template.loader import render_to_string
from django.utils import translation

from mitplan.core.charts import bar_chart


def test_bars_and_shares_are_of_the_total_so_the_track_stands_for_100_percent():
    chart = bar_chart("Q", [("a", 30), ("b", 10), ("c", 1), ("d", 0)], total=80)
    assert [bar.width for bar in chart.bars] == [38, 12, 1, 0]
    assert [bar.percent for bar in chart.bars] == [37.5, 12.5, 1.2, 0.0]
    # A tiny count still shows a bar; only zero shows none.
    assert bar_chart("Q", [("a", 1000), ("b", 1)]).bars[1].width == 1


def test_the_total_defaults_to_the_sum_and_an_empty_chart_says_so():
    assert bar_chart("Q", [("a", 3), ("b", 1)]).total == 4
    empty = bar_chart("Q", [("a", 0), ("b", 0)])
    assert empty.is_empty
    assert all(bar.width == 0 and bar.percent == 0 for bar in empty.bars)
    with translation.override("en"):
        html = render_to_string("components/bar_chart.html", {"chart": empty})
    assert "No answers yet." in html and "<svg" not in html


def test_the_chart_prints_its_numbers_and_uses_no_inline_style():
    chart = bar_chart(
        "Wie gut fühlen Sie sich informiert?",
        [("sehr gut", 120), ("gut", 45), ("كلا", 7)],
        total=200,
        note="Mehrere Antworten möglich.",
    )
    for language, decimal in (("de", "22,5"), ("en", "22.5"), ("ar", "22,5")):
        with translation.override(language):
            html = render_to_string("components/bar_chart.html", {"chart": chart})
        assert "style=" not in html
        assert f"45 ({decimal} %)" in html
        # Bar widths are attributes in plain digits, whatever the language.
        assert re.findall(r'<rect width="([^"]+)"', html) == ["60%", "22%", "4%"]
        assert html.count('aria-hidden="true"') == 3
        assert 'dir="auto"' in html  # an Arabic label in a German chart keeps its way
    assert "Mehrere Antworten möglich." in html
