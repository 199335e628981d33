"""Writing to an advisor with the keyboard alone, and being told what went wrong."""

import re
import time

import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.e2e


def tab_to(page, selector, limit=60):
    """Press Tab until the element matching selector has focus."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reachable by keyboard")


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_send_a_message_by_keyboard_only(page, server, lang):
    page.goto(f"{page.base_url}/{lang}/kontakt/1/")
    tab_to(page, "#id_name")
    page.keyboard.type("Testperson Tastatur")
    page.keyboard.press("Tab")
    page.keyboard.type("tastatur@example.net")
    page.keyboard.press("Tab")
    page.keyboard.type("Frage per Tastatur")
    page.keyboard.press("Tab")
    page.keyboard.type("Ich habe eine Frage zur Sprachförderung.")
    time.sleep(1.1)  # the form refuses what is sent faster than a person types
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/kontakt/1/gesendet/$"))
    assert page.locator(".kern-alert--success").is_visible()
    assert_accessible(page)
    mails = list(server["mail_dir"].glob("*.log"))
    assert any("Frage per Tastatur" in path.read_text() for path in mails)


def test_errors_are_shown_next_to_the_fields_and_announced(page):
    page.goto(f"{page.base_url}/ar/kontakt/1/")
    page.fill("#id_email", "keine-adresse")
    page.fill("#id_message", "<script>alert(1)</script>")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#form-errors").is_visible()
    assert page.locator("#id_email_error").is_visible()
    assert page.locator("#id_subject_error").is_visible()
    assert page.get_attribute("#id_email", "aria-invalid") == "true"
    # What was typed is kept, as text.
    assert page.input_value("#id_message") == "<script>alert(1)</script>"
    assert_accessible(page)
