"""The contact form to an advisor: delivery, privacy and every kind of bad input."""

import pytest
from django.core import mail
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "name": "Testperson Beispiel",
        "email": "leser@example.net",
        "subject": "Frage zur Sprachförderung",
        "message": "Gibt es Sprachkurse am Abend?",
        "website": "",
        "started": started_token(),
    }
    data.update(overrides)
    return data


def started_token():
    from mitplan.core.spam import FreshTimestampInput

    return FreshTimestampInput().format_value(None)


def url(advisor, lang="de"):
    return f"/{lang}/kontakt/{advisor.pk}/"


def test_message_reaches_the_advisor_and_the_sender_sees_a_confirmation(
    client, advisor
):
    response = client.post(url(advisor), form_data())
    assert response.status_code == 302
    assert response["Location"] == f"/de/kontakt/{advisor.pk}/gesendet/"
    [message] = mail.outbox
    assert message.to == [advisor.email]
    assert message.reply_to == ["leser@example.net"]
    assert "Gibt es Sprachkurse am Abend?" in message.body
    # The sender's words are isolated, so an Arabic or U+202E subject cannot
    # reorder the site's name beside it in the mail program.
    assert "\u2068Frage zur Sprachförderung\u2069" in message.subject
    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    assert advisor.name in confirmation.content.decode()


def test_the_advisors_address_never_reaches_the_browser(client, advisor):
    for page in (
        client.get(url(advisor)),
        client.post(url(advisor), form_data(email="x")),
    ):
        assert advisor.email not in page.content.decode()


@pytest.mark.parametrize(
    "lang,expected",
    [
        ("de", "Dieses Feld muss ausgefüllt werden."),
        ("en", "This field is required."),
        ("ar", "هذا الحقل مطلوب."),
    ],
)
def test_empty_form_explains_the_errors_in_the_page_language(
    client, advisor, lang, expected
):
    response = client.post(url(advisor, lang), {"started": started_token()})
    assert response.status_code == 400
    html = response.content.decode()
    assert expected in html
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert not mail.outbox


def test_100_kb_of_text_is_refused_and_kept(client, advisor):
    text = "Sehr lange Nachricht. " * 5000  # ~110 KB
    response = client.post(url(advisor), form_data(message=text))
    assert response.status_code == 400
    html = response.content.decode()
    assert "höchstens 5.000 Zeichen; dieser Text hat 109.999." in html
    assert "Sehr lange Nachricht." in html  # what was typed is still there
    assert not mail.outbox


def test_an_oversized_request_body_is_a_clear_400_not_a_500(client, advisor):
    response = client.post(url(advisor), form_data(message="x" * 3_000_000))
    assert response.status_code == 400
    assert not mail.outbox


def test_invalid_email_is_explained(client, advisor):
    response = client.post(url(advisor, "en"), form_data(email="not-an-address"))
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()


def test_html_is_shown_as_text_and_mailed_as_plain_text(client, advisor):
    hostile = '<script>alert("x")</script><b>fett</b>'
    response = client.post(url(advisor), form_data(subject="", message=hostile))
    assert response.status_code == 400
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    client.post(url(advisor), form_data(message=hostile))
    assert mail.outbox[0].body.count(hostile) == 1
    assert mail.outbox[0].content_subtype == "plain"


def test_header_injection_in_the_subject_is_refused(client, advisor):
    response = client.post(
        url(advisor), form_data(subject="Hallo\r\nBcc: opfer@example.com")
    )
    assert response.status_code == 400
    assert not mail.outbox


def test_invalid_utf8_is_a_clear_error(client, advisor):
    body = b"email=a%40example.org&subject=%FF%FE&message=%C3%28&started=x"
    response = client.post(
        url(advisor), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (400,)
    assert not mail.outbox


def test_honeypot_turns_bots_away_without_sending(client, advisor):
    response = client.post(url(advisor), form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert not mail.outbox


@override_settings(SPAM_MIN_FILL_SECONDS=5)
def test_forms_sent_faster_than_a_person_types_are_returned(client, advisor):
    response = client.post(url(advisor, "en"), form_data())
    assert response.status_code == 400
    assert "That was very fast" in response.content.decode()
    assert not mail.outbox


def test_a_forged_or_missing_start_token_is_refused(client, advisor):
    for token in ("", "forged", "1:2:3"):
        response = client.post(url(advisor), form_data(started=token))
        assert response.status_code == 400
    assert not mail.outbox


def test_a_double_click_sends_one_message(client, advisor):
    data = form_data()
    first = client.post(url(advisor), data)
    second = client.post(url(advisor), data)
    assert first.status_code == second.status_code == 302
    assert len(mail.outbox) == 1


@override_settings(ALTCHA_MAX_NUMBER=20)
def test_over_the_limit_a_proof_of_work_is_asked_and_then_accepted(client, advisor):
    from mitplan.core.tests.test_altcha import _solved_payload

    for number in range(5):
        assert (
            client.post(
                url(advisor), form_data(message=f"Nachricht {number}")
            ).status_code
            == 302
        )
    response = client.post(
        url(advisor, "en"), form_data(message="Die sechste Nachricht")
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "Die sechste Nachricht" in html  # what was typed is kept
    assert "altcha-widget" in html
    assert "several times in a short time" in html
    assert len(mail.outbox) == 5
    response = client.post(
        url(advisor), form_data(message="Mit Nachweis", altcha="forged")
    )
    assert response.status_code == 429
    response = client.post(
        url(advisor), form_data(message="Mit Nachweis", altcha=_solved_payload())
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 6


def test_unknown_advisor_is_404(client):
    assert client.get("/de/kontakt/999999/").status_code == 404


@pytest.mark.parametrize("origin", ["https://evil.example", None])
def test_a_post_from_another_site_is_refused_and_explained(advisor, origin):
    client = Client(
        enforce_csrf_checks=True, headers={"Origin": origin} if origin else {}
    )
    response = client.post(url(advisor, "en"), form_data())
    assert response.status_code == 403
    assert "The form has expired" in response.content.decode()
    assert not mail.outbox


def test_opening_a_form_sets_no_cookie(advisor):
    for path in [url(advisor), "/de/barrierefreiheit/", "/de/lip/beitraege/neu/"]:
        response = Client().get(path)
        assert response.status_code == 200
        assert not response.cookies, path


def test_mistakes_do_not_count_as_messages_sent(client, advisor):
    for _attempt in range(12):
        assert (
            client.post(url(advisor), {"started": started_token()}).status_code == 400
        )
    assert client.post(url(advisor), form_data()).status_code == 302
    assert len(mail.outbox) == 1


def test_line_breaks_count_once_as_in_the_browser(client, advisor):
    text = ("Zeile\r\n" * 833)[:4998]  # 4,998 characters as a browser counts them
    assert len(text.replace("\r\n", "\n")) <= 5000 < len(text) + 833
    response = client.post(url(advisor), form_data(message=text))
    assert response.status_code == 302
    assert "\r" not in mail.outbox[0].body


def test_pasting_too_much_is_explained_not_cut(client, advisor):
    html = client.get(url(advisor)).content.decode()
    assert 'maxlength="5000"' not in html  # the browser would cut silently


def test_a_resent_message_goes_once_and_a_cache_outage_drops_none(
    client, advisor, cache_down
):
    """The resend guard lives in the database: with the cache down a message is
    still delivered (it was called a repeat and dropped, while the page said sent)."""
    from django.core.cache import cache

    assert cache.add("probe", 1) is False  # down, for every module
    data = form_data()
    assert client.post(url(advisor), data).status_code == 302
    assert client.post(url(advisor), data).status_code == 302  # a double click
    assert len(mail.outbox) == 1


def test_a_message_the_mail_server_refused_can_be_sent_again(client, advisor):
    from unittest import mock

    data = form_data(message="Ein zweiter Versuch, bitte.")
    with mock.patch(
        "django.core.mail.EmailMessage.send", side_effect=OSError("server away")
    ):
        refused = client.post(url(advisor), data)
    assert refused.status_code == 503
    assert "Ein zweiter Versuch, bitte." in refused.content.decode()
    assert client.post(url(advisor), data).status_code == 302
    assert len(mail.outbox) == 1
