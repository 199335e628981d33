"""A resident sends a contribution, finds it, supports and discusses it; staff
moderate and answer; the resident's page then shows the statement. In the browser,
with axe-core on every page, in German and Arabic."""

import re

import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_contribution_pages_are_accessible(page, lang):
    page.goto(f"{page.base_url}/{lang}/lip/beitraege/")
    assert_accessible(page)
    page.locator(".mp-contribution a").first.click()
    page.wait_for_url(re.compile(r"/beitraege/\d+/$"))
    assert_accessible(page)
    page.goto(f"{page.base_url}/{lang}/lip/beitraege/neu/")
    assert_accessible(page)
    # The live count writes numbers as the hint and the server's errors do.
    page.fill("#id_text", "abc")
    limit = {"de": "5.000", "ar": "5000"}[lang]
    assert "3" in page.locator(".mp-count").inner_text()
    assert limit in page.locator(".mp-count").inner_text()
    page.fill("#id_text", "")
    page.locator("form.mp-form button[type=submit]:not([name])").click()
    assert page.locator("#form-errors").is_visible()
    assert_accessible(page)
    # The error summary's first link moves focus to the first choice of its group.
    page.locator("#form-errors a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_kind_0"
    page.goto(f"{page.base_url}/{lang}/lip/handlungsfelder/")
    assert_accessible(page)


def test_reply_to_a_comment(page):
    page.goto(f"{page.base_url}/en/lip/beitraege/")
    # A contribution of the demo with comments: the "most discussed" first.
    page.goto(f"{page.base_url}/en/lip/beitraege/?sort=discussed")
    page.locator(".mp-contribution a").first.click()
    page.locator(".mp-comment__actions a", has_text="Reply").first.click()
    assert page.locator(".mp-reply-to").is_visible()
    page.fill("#id_text", "An answer to this comment.")
    # A person takes longer than the spam guard's minimum (1 s in these tests).
    page.wait_for_timeout(1200)
    page.locator("#comment-form-heading ~ form button[type=submit]").click()
    reply = page.locator(".mp-comments--replies .mp-comment", has_text="An answer")
    assert reply.is_visible()
    assert_accessible(page)


def test_submit_moderate_answer_and_read_the_statement(page, browser, server):
    # A resident writes, with the keyboard where it matters.
    page.goto(f"{page.base_url}/de/lip/beitraege/neu/")
    page.check("#id_kind_1")  # wish
    page.select_option("#id_field_of_action", label="Soziales")
    page.fill("#id_title", "Beratung auch samstags")
    page.fill(
        "#id_text", "Viele arbeiten unter der Woche. Bitte Beratung auch am Samstag."
    )
    page.fill("#id_pseudonym", "Testperson Samstag")
    page.fill("#id_email", "samstag@example.net")
    page.wait_for_timeout(
        1100
    )  # the form refuses what is sent faster than a person types
    page.click("button[type=submit]:not([name])")
    page.wait_for_load_state()
    if "eingegangen" not in page.url:
        page.screenshot(path="/tmp/e2e-submit.png", full_page=True)
        errors = (
            page.locator("#form-errors").inner_text()
            if page.locator("#form-errors").count()
            else ""
        )
        raise AssertionError(f"not sent: {page.url} {errors}")
    assert_accessible(page)

    # The resident confirms the address from the mail (double opt-in).
    confirm_url = _link_in_mail(server, "samstag@example.net", "/bestaetigen/")
    page.goto(confirm_url)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".kern-alert--success").is_visible()

    # Staff publish it, forward it and publish a statement.
    staff = browser.new_context()
    admin = staff.new_page()
    admin.goto(f"{server['url']}/admin/login/")
    admin.fill("#id_username", "admin")
    admin.fill("#id_password", server["admin_password"])
    admin.click("button[type=submit]")
    admin.goto(f"{server['url']}/admin/participation/contributions/?q=samstags")
    admin.locator("a", has_text="Beratung auch samstags").first.click()
    admin.wait_for_url(re.compile(r"/moderate/$"))
    admin.click("form:has(input[value=publish]) button")
    admin.locator("details:has(input[value=forward]) button[type=submit]").click()
    admin.select_option("#id_outcome", "taken")
    admin.fill(
        "#id_text_de", "Die Fachgruppe nimmt Samstagsberatung in den Entwurf auf."
    )
    admin.click("button[value=publish_statement]")
    admin.wait_for_load_state()
    public_url = admin.locator(
        "a", has_text=re.compile("Public page|Öffentliche Seite")
    ).get_attribute("href")
    staff.close()

    # The resident reads the outcome, supports and comments.
    page.goto(server["url"] + public_url)
    assert page.get_by_text(
        "Die Fachgruppe nimmt Samstagsberatung in den Entwurf auf."
    ).is_visible()
    # The subscriber was told, with a one-click way out.
    update = _mails_to(server, "samstag@example.net")[-1]
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in update
    page.click("#support button")
    page.wait_for_url(re.compile(r"#support$"))
    assert page.locator("#support strong").is_visible()
    # Keyboard focus stays where the person acted: on the support area.
    assert page.evaluate("document.activeElement.id") == "support"
    assert_accessible(page)


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_a_refused_comment_puts_focus_on_its_errors(page, lang):
    page.goto(f"{page.base_url}/{lang}/lip/beitraege/?sort=discussed")
    page.locator(".mp-contribution a").first.click()
    page.locator("#comment-form-heading ~ form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#form-errors").is_visible()
    assert page.evaluate("document.activeElement.id") == "form-errors"


def _mails_to(server, address: str) -> list[str]:
    mails = [path.read_text() for path in sorted(server["mail_dir"].glob("*.log"))]
    return [mail for mail in mails if f"To: {address}" in mail]


def _link_in_mail(server, address: str, marker: str) -> str:
    for mail in reversed(_mails_to(server, address)):
        for word in mail.split():
            if marker in word and word.startswith("http"):
                return word
    raise AssertionError(f"no mail to {address} with {marker}")


def test_own_pages_of_a_signed_in_person_are_accessible(browser, server):
    context = browser.new_context(base_url=server["url"])
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", server["admin_password"])
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    for lang in ("de", "ar"):
        page.goto(f"/{lang}/lip/")
        page.locator(f'a[href="/{lang}/konto/meine-beitraege/"]').click()
        page.wait_for_url(re.compile(r"/konto/meine-beitraege/$"))
        assert_accessible(page)
        page.goto(f"/{lang}/konto/loeschen/")  # staff: explained, not offered
        assert_accessible(page)
    context.close()
