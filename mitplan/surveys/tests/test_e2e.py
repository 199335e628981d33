"""The demo survey in Debian's chromium: answered in Arabic on a phone with the
keyboard alone, the results page that updates itself while it is open, axe-core on
every step in German and Arabic, and screenshots of phone and desktop (in
/tmp/shots, to look at; not part of the repository)."""

import re
import time
from pathlib import Path

import pytest

# The browser tests' server (the demo loaded, as `make run` serves it), browser and
# axe-core check, from the journeys' own conftest.
from tests.e2e.conftest import assert_accessible, browser, server  # noqa: F401

pytestmark = pytest.mark.e2e

SURVEY = "/{lang}/lip/umfragen/zusammenleben/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = Path("/tmp/shots")
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


@pytest.fixture
def open_context(browser, server):  # noqa: F811 - the imported fixtures
    """new(viewport, lang) → a page in a fresh browser context (its own cookies),
    closed after the test."""
    contexts = []

    def new(viewport=DESKTOP, lang="de"):
        context = browser.new_context(viewport=viewport, locale=lang)
        contexts.append(context)
        page = context.new_page()
        page.base_url = server["url"]
        return page

    yield new
    for context in contexts:
        context.close()


def address(page, lang, suffix=""):
    return f"{page.base_url}{SURVEY.format(lang=lang)}{suffix}"


def total(page) -> int:
    """The number of responses the results say."""
    summary = page.locator(".mp-results-summary p").first.inner_text()
    return int(re.search(r"\d+", summary.translate(ARABIC_DIGITS)).group())


# --- Keyboard ----------------------------------------------------------------------


def tab_to(page, selector: str, limit: int = 150) -> None:
    """Press Tab until the focus is on `selector` (as a person tabs through)."""
    for _step in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} cannot be reached with Tab")


def press_on(page, selector: str, *keys: str) -> None:
    tab_to(page, selector)
    for key in keys:
        page.keyboard.press(key)


def go_on(page) -> None:
    """Tab to the form's main button and press Enter."""
    tab_to(page, "form.mp-form button.kern-btn--primary")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_answer_the_arabic_survey_on_a_phone_by_keyboard_alone(open_context):
    page = open_context(PHONE, "ar")
    page.goto(address(page, "ar", "ergebnisse/"))
    before = total(page)

    page.goto(address(page, "ar"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    go_on(page)  # start
    assert "/seite/1/" in page.url

    # Page 1: two fields of action (Space), how welcome (arrows in the group).
    press_on(page, "#id_q_fields_0", "Space")
    press_on(page, "#id_q_fields_2", "Space")
    press_on(page, "input[name=q_welcome]", "ArrowDown", "ArrowDown", "ArrowDown")
    assert page.locator("#id_q_welcome_3").is_checked()
    go_on(page)
    assert "/seite/2/" in page.url

    # Page 2: years here, a home language, two lines of the matrix.
    press_on(page, "input[name=q_years]", "ArrowDown")
    press_on(page, "#id_q_home_languages_1", "Space")
    press_on(page, "input[name=q_contact__work]", "Space")
    press_on(page, "input[name=q_contact__neighbourhood]", "ArrowDown")
    go_on(page)
    assert "/seite/3/" in page.url

    # Page 3: the ranking by typing each place into its select; engaged: yes.
    for option, place in (("courses", "2"), ("childcare", "1"), ("housing", "4")):
        press_on(page, f"#id_q_priorities__{option}", place)
    press_on(page, "#id_q_priorities__jobs", "3")
    press_on(page, "input[name=q_engaged]", "Space")
    go_on(page)
    assert "/seite/4/" in page.url

    # Page 4: the question shown because of "yes", then the rest.
    tab_to(page, "#id_q_where_engaged")
    page.keyboard.type("نادي الحي")
    press_on(page, "#id_q_heard_2", "Space")
    press_on(page, "input[name=q_age_group]", "ArrowDown", "ArrowDown")
    tab_to(page, "#id_q_first_step")
    page.keyboard.type("دروس لغة في المساء")
    go_on(page)
    assert "/pruefen/" in page.url

    review = page.locator("main").inner_text()
    for answered in ("نادي الحي", "دروس لغة في المساء"):
        assert answered in review
    page.wait_for_timeout(1100)  # the send step refuses what is faster than people
    go_on(page)
    assert "/danke/" in page.url, page.locator("main").inner_text()

    tab_to(page, "main a[href$='/ergebnisse/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert total(page) == before + 1


# --- The live results --------------------------------------------------------------


def answer_quickly(page, lang="de") -> None:
    """Start, answer the one required question and go through to the review."""
    page.goto(address(page, lang))
    click_through(page, "form.mp-form button.kern-btn--primary")
    page.check("#id_q_welcome_3")
    for _page in range(4):
        click_through(page)
    assert "/pruefen/" in page.url


def click_through(page, selector="form.mp-survey button.kern-btn--primary") -> None:
    """Press the form's button and wait for the next page. (Focus and Enter: after
    a full-page screenshot, chromium's clicks land beside their target.)"""
    page.focus(selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def send(page) -> None:
    page.wait_for_timeout(1100)
    click_through(page, "form.mp-form button.kern-btn--primary")
    assert "/danke/" in page.url, page.locator("main").inner_text()


def test_the_open_results_page_updates_itself(open_context):
    reader = open_context()
    # The page polls every 30 s: the reader's clock is faked and moved on instead.
    reader.clock.install()
    reader.goto(address(reader, "de", "ergebnisse/"))
    reader.wait_for_function("() => window.htmx !== undefined")
    before = total(reader)
    # A reader with a table open and the focus on its toggle keeps both.
    reader.locator("#table-welcome > summary").focus()
    reader.keyboard.press("Enter")
    assert reader.locator("#table-welcome").evaluate("d => d.open")

    resident = open_context()
    answer_quickly(resident)
    send(resident)

    assert total(reader) == before  # nothing happens before the poll is due
    reader.clock.run_for(31_000)
    deadline = time.monotonic() + 10
    while total(reader) == before and time.monotonic() < deadline:
        reader.clock.run_for(200)  # the swap's own short timers
        reader.wait_for_timeout(100)
    assert total(reader) == before + 1
    # The swapped-in results are the fragment, not a page inside the page.
    assert reader.locator("#results main, #results header").count() == 0
    assert reader.locator("#results .mp-result").count() > 3
    assert reader.locator("#table-welcome").evaluate("d => d.open")
    assert reader.evaluate(
        "document.activeElement === document.querySelector('#table-welcome > summary')"
    )
    assert_accessible(reader)


# --- Accessibility and looks -------------------------------------------------------


def overflow(page):
    """(page width, viewport width): a page that scrolls sideways is cut off."""
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def too_wide(page, width):
    """What sticks out beyond the viewport (tag, class, start of its text)."""
    return page.evaluate(
        "w => [...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > w + 1)"
        ".map(e => e.tagName + '.' + e.className + ': '"
        " + (e.textContent || '').trim().slice(0, 50)).slice(0, 5)",
        width,
    )


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_every_step_is_accessible(open_context, lang):
    page = open_context(DESKTOP, lang)
    page.goto(address(page, lang))
    assert_accessible(page)
    click_through(page, "form.mp-form button.kern-btn--primary")
    assert "/seite/1/" in page.url
    assert_accessible(page)
    # Sent without the required answer: the error summary and the field's error.
    click_through(page)
    assert "/seite/1/" in page.url
    assert page.locator("#form-errors").is_visible()
    assert page.locator(".kern-error").count() == 1
    assert_accessible(page)
    # The summary's link moves the focus to the question.
    page.locator("#form-errors a").first.click()
    assert page.evaluate("document.activeElement.name") == "q_welcome"
    page.check("#id_q_welcome_0")
    for _page in range(4):
        click_through(page)
    assert "/pruefen/" in page.url
    assert_accessible(page)
    page.goto(address(page, lang, "ergebnisse/"))
    assert_accessible(page)
    page.goto(address(page, lang, "ergebnisse/?by=@language"))
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize(
    ("device", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)]
)
def test_screenshots_and_no_sideways_scrolling(open_context, lang, device, viewport):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_context(viewport, lang)

    def shoot(name):
        page.screenshot(
            path=str(SHOTS / f"surveys-{lang}-{device}-{name}.png"), full_page=True
        )
        width, viewport_width = overflow(page)
        assert width <= viewport_width, f"{name} scrolls sideways: {width}"

    page.goto(address(page, lang))
    shoot("start")
    click_through(page, "form.mp-form button.kern-btn--primary")
    click_through(page)  # the error
    shoot("page-error")
    page.check("#id_q_welcome_3")
    page.check("#id_q_fields_0")
    page.check("#id_q_fields_4")
    click_through(page)
    page.check("#id_q_years_1")
    page.check("#id_q_home_languages_10")  # other …
    page.fill("#id_q_home_languages__other", "Kurmancî")
    page.check("#id_q_contact__work_0")
    page.check("#id_q_contact__clubs_3")
    shoot("page-2")
    click_through(page)
    for option, place in zip(
        ("courses", "childcare", "housing", "jobs"), "2143", strict=True
    ):
        page.select_option(f"#id_q_priorities__{option}", place)
    page.check("#id_q_engaged_0")
    shoot("page-3")
    click_through(page)
    page.fill("#id_q_where_engaged", "Sportverein Nord")
    page.fill("#id_q_first_step", "Mehr Sprachcafés, auch am Wochenende.")
    click_through(page)
    shoot("review")
    if lang == "ar":
        # Answers in another script (the German text) align with the page.
        gaps = page.evaluate(
            "[...document.querySelectorAll('.mp-survey-review__answer > span')]"
            ".map(s => s.closest('dd').getBoundingClientRect().right"
            " - s.getBoundingClientRect().right)"
        )
        assert gaps and max(gaps) < 2, gaps
    page.goto(address(page, lang, "ergebnisse/"))
    shoot("results")
    # The narrowest phone: nothing is cut off.
    page.set_viewport_size({"width": 320, "height": 700})
    for suffix in (
        "",
        "seite/2/",
        "pruefen/",
        "ergebnisse/",
        "ergebnisse/?by=age_group",
    ):
        page.goto(address(page, lang, suffix))
        width, viewport_width = overflow(page)
        assert width <= viewport_width, (
            f"{suffix or 'start'} at 320 px: {width}",
            too_wide(page, viewport_width),
        )
