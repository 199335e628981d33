"""A resident's way through the portal, in the browser, in four languages."""

import re
from urllib.parse import urlparse

import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.e2e

LANGUAGES = ["de", "en", "ar", "fa"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_portal_field_page_and_contact_form_are_accessible(page, lang):
    page.goto(f"{page.base_url}/{lang}/lip/")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("html").get_attribute("dir") == (
        "rtl" if lang in ("ar", "fa") else "ltr"
    )
    assert page.locator(".mp-process-notice").first.is_visible()
    assert_accessible(page)

    page.locator(".mp-cards a").first.click()
    page.wait_for_url(re.compile(r"/handlungsfelder/bildung/$"))
    assert page.locator(".mp-process-notice").first.is_visible()
    assert_accessible(page)

    page.locator(f'a[href^="/{lang}/kontakt/"]').first.click()
    page.wait_for_url(re.compile(r"/kontakt/\d+/$"))
    assert_accessible(page)


def test_no_request_leaves_the_site(page):
    for path in [
        "/de/",
        "/de/lip/",
        "/ar/lip/handlungsfelder/soziales/",
        "/ru/barrierefreiheit/",
    ]:
        page.goto(page.base_url + path)
        page.wait_for_load_state("networkidle")
    own = urlparse(page.base_url).netloc
    foreign = [
        url for url in page.requests_seen if urlparse(url).netloc not in (own, "")
    ]
    assert not foreign, foreign


def test_fonts_and_styles_load_for_arabic(page):
    page.goto(f"{page.base_url}/ar/lip/")
    page.wait_for_load_state("networkidle")
    assert any(url.endswith(".rtl.css") or ".rtl." in url for url in page.requests_seen)
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Noto Sans Arabic" in family


def test_language_switcher_works_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server['url']}/de/lip/handlungsfelder/bildung/")
    page.locator(".mp-lang summary").click()
    page.locator('.mp-lang a[hreflang="ar"]').click()
    page.wait_for_url(re.compile(r"/ar/lip/handlungsfelder/bildung/$"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    context.close()


def test_usable_at_320_pixels_without_horizontal_scrolling(browser, server):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in ["/de/lip/", "/ar/lip/handlungsfelder/bildung/", "/de/kontakt/1/"]:
        page.goto(server["url"] + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, overflow)
    context.close()
