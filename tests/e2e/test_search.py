"""Searching from the header on a phone, in German and Arabic, with the keyboard."""

import re

import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_search_from_the_header_on_a_phone(page, lang):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{page.base_url}/{lang}/lip/")
    page.locator(".mp-header a[href$='/suche/']").click()
    page.wait_for_url(re.compile(rf"/{lang}/suche/$"))
    assert_accessible(page)  # the empty form
    page.fill("#id_q", "Bildung")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/suche/\?q=Bildung"))
    results = page.locator(".mp-search-result")
    assert results.count() > 0
    assert page.locator(".mp-search-result mark").count() > 0
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
    if lang == "ar":
        # German originals are marked as German for screen readers.
        assert page.locator(".mp-search-result__snippet[lang='de']").count() > 0
    results.first.locator("a").click()
    page.wait_for_load_state()
    assert f"/{lang}/" in page.url
    assert all(url.startswith(page.base_url) for url in page.requests_seen)


def test_a_too_long_query_is_answered_with_an_error_next_to_the_field(page):
    page.set_viewport_size({"width": 320, "height": 700})
    page.goto(f"{page.base_url}/ar/suche/?q={'x' * 300}")
    assert page.locator("#id_q_error").is_visible()
    assert page.get_attribute("#id_q", "aria-describedby") == "id_q_error"
    assert_accessible(page)
