"""The news in the browser: the list and an article are accessible (axe-core) in
German and in Arabic (right to left), on a phone and on a desktop."""

import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.e2e

LIST = "/{lang}/lip/aktuelles/"


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("size", [(390, 844), (1280, 900)])
def test_the_news_list_and_an_article_are_accessible(page, lang, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(page.base_url + LIST.format(lang=lang))
    assert page.locator("h1").count() == 1
    assert page.locator(".mp-news-card").count() >= 1
    assert_accessible(page)
    # The article the first "Read more" names.
    page.locator(".mp-news-card a.kern-link").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(page.base_url + LIST.format(lang=lang))
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_the_list_fits_a_320px_phone(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(page.base_url + LIST.format(lang="de"))
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
