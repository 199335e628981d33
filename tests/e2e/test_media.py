"""Documents and media in the browser: a platform's video loads nothing from the
platform before the reader's click; the FAQ and plain-language pages are accessible."""

from urllib.parse import urlparse

import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.e2e

PLAYER_HOST = "www.youtube-nocookie.com"


def _foreign(page) -> list[str]:
    own = urlparse(page.base_url).netloc
    return [url for url in page.requests_seen if urlparse(url).netloc not in (own, "")]


def test_a_platform_video_loads_nothing_before_the_click_and_its_player_after(page):
    # The platform is never reached: its player is answered by a local stub.
    page.route(
        f"https://{PLAYER_HOST}/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>player</title>"
        ),
    )
    page.goto(f"{page.base_url}/de/lip/haeufige-fragen/")
    page.wait_for_load_state("networkidle")
    placeholder = page.locator(".mp-external-video")
    assert placeholder.is_visible()
    assert page.locator(".mp-external-video iframe").count() == 0
    assert _foreign(page) == []

    button = placeholder.get_by_role("button", name="Video laden").or_(
        placeholder.locator("[data-mp-load]")
    )
    button.first.click()
    frame = page.locator(".mp-external-video iframe")
    frame.wait_for()
    assert frame.get_attribute("src").startswith(f"https://{PLAYER_HOST}/embed/")
    page.wait_for_load_state("networkidle")
    assert [urlparse(url).netloc for url in _foreign(page)] == [PLAYER_HOST]


def test_without_javascript_the_placeholder_links_to_the_video(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{server['url']}/de/lip/haeufige-fragen/")
    assert not page.locator("[data-mp-load]").is_visible()
    link = page.locator(".mp-external-video a[href*='youtube.com/watch']")
    assert link.is_visible()
    own = urlparse(server["url"]).netloc
    assert all(urlparse(url).netloc == own for url in requests)
    context.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("path", ["lip/haeufige-fragen/", "leichte-sprache/"])
def test_the_faq_and_the_plain_language_page_are_accessible(page, lang, path):
    page.goto(f"{page.base_url}/{lang}/{path}")
    assert page.locator("html").get_attribute("lang") == lang
    if path == "leichte-sprache/":
        assert page.locator(".mp-plain-language__marker").is_visible()
        assert page.locator(".mp-plain-language__link").count() == 1
    else:
        assert page.locator("details.kern-accordion").count() >= 5
    assert_accessible(page)


def test_the_portal_links_to_its_plain_language_version_and_back(page):
    page.goto(f"{page.base_url}/de/lip/")
    page.locator(".mp-plain-language__link").click()
    page.wait_for_url("**/leichte-sprache/")
    assert page.locator(".mp-plain-language__marker").is_visible()
    page.locator(".mp-plain-language__link").click()
    page.wait_for_url("**/de/lip/")
