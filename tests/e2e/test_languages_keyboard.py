"""What a browser proves about languages and the keyboard: Enter sends the
contribution form, focus goes to what changed after a round-trip, the members table
shows its focus and fits a 320 px screen, right-to-left pages point their disclosure
triangle the way the text runs and align cards as one block."""

import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.e2e


def test_enter_in_the_title_sends_the_contribution(page):
    page.goto(f"{page.base_url}/de/lip/beitraege/neu/")
    page.check("#id_kind_0")
    page.select_option("#id_field_of_action", label="Bildung")
    page.fill("#id_text", "Bitte mehr Sprachkurse am Abend für berufstätige Eltern.")
    page.fill("#id_title", "Sprachkurse am Abend")
    page.wait_for_timeout(1100)  # the form refuses what is sent faster than people type
    page.focus("#id_title")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "eingegangen" in page.url or "/beitraege/" in page.url
    assert "/neu/" not in page.url, "Enter did not send the form"


def test_a_form_sent_back_with_errors_focuses_its_error_summary(page):
    page.goto(f"{page.base_url}/de/lip/beitraege/neu/")
    page.fill("#id_title", "Nur ein Titel")
    page.wait_for_timeout(1100)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "form-errors"


def test_without_javascript_look_for_similar_focuses_what_it_found(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server['url']}/de/lip/beitraege/neu/")
    page.fill("#id_title", "Sprachkurse am Abend")
    page.fill(
        "#id_text", "Mehr Sprachkurse am Abend für Eltern, die tagsüber arbeiten."
    )
    page.click("button[name=check_similar]")
    page.wait_for_load_state()
    assert page.locator("#similar [data-focus]").count() == 1
    context.close()
    # With JavaScript on, site.js moves focus to it after the round-trip.
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server['url']}/de/lip/beitraege/neu/")
    page.evaluate("document.querySelector('.mp-similar__check').hidden = false")
    page.fill("#id_title", "Sprachkurse am Abend")
    page.fill(
        "#id_text", "Mehr Sprachkurse am Abend für Eltern, die tagsüber arbeiten."
    )
    with page.expect_navigation():
        page.click("button[name=check_similar]")
    focused = page.evaluate("document.activeElement.closest('#similar') !== null")
    assert focused
    context.close()


def test_after_a_search_focus_is_on_the_results(page):
    page.goto(f"{page.base_url}/de/lip/beitraege/")
    page.fill("#filter-q", "Sprache")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "results-heading"
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_members_table_shows_focus_and_fits_320_px(browser, server, lang):
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    page.goto(f"{server['url']}/{lang}/lip/handlungsfelder/bildung/")
    for _step in range(60):
        page.keyboard.press("Tab")
        if page.evaluate(
            "document.activeElement.classList.contains('mp-table-scroll')"
        ):
            break
    else:
        pytest.fail("the members table cannot be reached with Tab")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)] })()"
    )
    assert outline[0] != "none" and outline[1] >= 2, outline
    sizes = page.evaluate(
        "(() => { const e = document.querySelector('.mp-table-scroll');"
        " return [e.scrollWidth, e.clientWidth, document.documentElement.scrollWidth,"
        " window.innerWidth] })()"
    )
    assert sizes[0] <= sizes[1], f"the table is cut off: {sizes}"
    assert sizes[2] <= sizes[3], f"the page scrolls sideways: {sizes}"
    assert_accessible(page)
    context.close()


@pytest.mark.parametrize(("lang", "triangle"), [("de", "▸"), ("ar", "◂"), ("fa", "◂")])
def test_disclosure_triangle_points_the_way_the_text_runs(page, lang, triangle):
    page.set_viewport_size({"width": 360, "height": 800})  # folded on phones
    page.goto(f"{page.base_url}/{lang}/lip/beitraege/")
    marker = page.evaluate(
        "getComputedStyle(document.querySelector('.mp-filters__more > summary'),"
        " '::before').content"
    )
    assert marker == f'"{triangle}"'


@pytest.mark.parametrize(("lang", "side"), [("ar", "right"), ("fa", "right")])
def test_cards_align_as_one_block_on_right_to_left_pages(page, lang, side):
    page.goto(f"{page.base_url}/{lang}/lip/beitraege/")
    alignments = page.evaluate(
        "[...document.querySelectorAll('.kern-card [dir=auto]')]"
        ".map(e => getComputedStyle(e).textAlign)"
    )
    assert alignments and set(alignments) == {side}, alignments


ALTCHA_HARNESS = """<!doctype html><html lang="{lang}" dir="{dir}"><head><meta charset="utf-8">
<title>ALTCHA</title><link rel="stylesheet" href="/static/dist/{css}"></head><body>
<main><form class="mp-form">
<div class="kern-form-input mp-altcha kern-form-input--error" role="group"
 aria-labelledby="id_altcha_label" aria-describedby="id_altcha_helptext id_altcha_error">
  <p class="kern-label" id="id_altcha_label">Check</p>
  <div class="kern-hint" id="id_altcha_helptext">Tick the box.</div>
  <p class="kern-error" id="id_altcha_error"><span class="kern-body">Please complete the
  check.</span></p>
  <altcha-widget id="id_altcha" name="altcha" challenge="/altcha/challenge/"
   language="{lang}" configuration='{{"auto": "off", "hideLogo": true,
   "hideFooter": true}}' data-algorithm="PBKDF2/SHA-256"
   data-worker="/static/dist/altcha/pbkdf2.js"></altcha-widget>
  <link rel="stylesheet" href="/static/dist/altcha/altcha.css">
  <script type="module" src="/static/dist/altcha/altcha.js"></script>
  <script type="module" src="/static/js/altcha-init.js"></script>
</div></form></main></body></html>"""


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_altcha_focus_ring_clears_its_label_and_the_error_goes_on_success(page, lang):
    """The widget as components/altcha.html draws it after a refused send; the
    check's success is its own `statechange` event."""
    html = ALTCHA_HARNESS.format(
        lang=lang,
        dir="rtl" if lang == "ar" else "ltr",
        css="site.rtl.css" if lang == "ar" else "site.css",
    )
    page.route(
        f"{page.base_url}/altcha-harness/",
        lambda route: route.fulfill(body=html, content_type="text/html"),
    )
    page.goto(f"{page.base_url}/altcha-harness/")
    page.wait_for_selector("altcha-widget .altcha-checkbox input")
    page.focus("#id_altcha_label")  # not focusable: focus starts before the box
    page.keyboard.press("Tab")
    geometry = page.evaluate(
        """(() => {
        const box = document.querySelector('altcha-widget .altcha-checkbox input');
        const label = document.querySelector('altcha-widget label');
        const s = getComputedStyle(box);
        const ring = parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset);
        const b = box.getBoundingClientRect(), l = label.getBoundingClientRect();
        return {focused: document.activeElement === box, style: s.outlineStyle,
                ring, gap: Math.max(l.left - b.right, b.left - l.right)};
        })()"""
    )
    assert geometry["focused"] and geometry["style"] != "none", geometry
    assert geometry["gap"] > geometry["ring"], geometry  # the ring clears the label

    page.evaluate(
        "document.querySelector('altcha-widget').dispatchEvent(new CustomEvent("
        "'statechange', {detail: {state: 'verified'}}))"
    )
    assert page.locator("#id_altcha_error").count() == 0
    group = page.locator(".mp-altcha")
    assert "kern-form-input--error" not in group.get_attribute("class")
    assert group.get_attribute("aria-describedby") == "id_altcha_helptext"
