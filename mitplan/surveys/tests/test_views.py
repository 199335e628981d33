"""The survey's pages with the test client, as a browser without JavaScript uses
them: start (the only step that sets the cookie), pages that follow the show-if
conditions, back, review, send, thanks, and the results with their live fragment and
SVG charts. Bad input gets a form error in the page's language, never a 500."""

import html
import re
from datetime import timedelta

import pytest
from django.core import signing
from django.core.cache import cache
from django.forms.models import model_to_dict
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from mitplan.core.submissions import Saved, SubmissionKeyField
from mitplan.surveys import services, tallies, views
from mitplan.surveys.answers import Definition
from mitplan.surveys.models import (
    AccessCode,
    Draft,
    Question,
    Response,
    Survey,
    Tally,
)

from .factories import FULL, survey_build

pytestmark = pytest.mark.django_db

IP = "203.0.113.77"


def url(lang="de", slug="test-survey", suffix=""):
    return f"/{lang}/lip/umfragen/{slug}/{suffix}"


def text(response) -> str:
    """The page as a reader sees its text: tags gone, entities decoded, one space."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def in_language(lang: str, message: str, **params) -> str:
    """`message` as the page in `lang` must say it (the catalog's words, or the
    source's while a catalog lacks them: either way the page's language decides)."""
    with translation.override(lang):
        said = gettext(message)
    return said % params if params else said


def ngettext_in(lang: str, singular: str, plural: str, count: int) -> str:
    with translation.override(lang):
        return ngettext(singular, plural, count) % {"counter": count}


def so_far(lang: str, count: int) -> str:
    return ngettext_in(
        lang, "%(counter)s response so far.", "%(counter)s responses so far.", count
    )


def token_of(client, survey) -> str:
    """The random token the survey's cookie holds."""
    return signing.loads(
        client.cookies[f"mitplan_survey_{survey.pk}"].value,
        salt="mitplan.surveys.respondent",
    )["t"]


def hidden_fields(response) -> dict:
    """The hidden inputs of a page's form (the send step's key and start time)."""
    body = response.content.decode()
    return {
        html.unescape(name): html.unescape(value)
        for name, value in re.findall(
            r'<input type="hidden" name="([^"]+)" value="([^"]*)"', body
        )
    }


def start(client, lang="de", slug="test-survey", **data):
    response = client.post(url(lang, slug), data)
    assert response.status_code == 302, text(response)[:2000]
    return response


def page_post(client, number, data, lang="de", slug="test-survey", go=None):
    if go:
        data = {**data, "go": go}
    return client.post(url(lang, slug, f"seite/{number}/"), data)


PAGE_1 = {"q_pick": "a", "q_scale": "4"}
PAGE_2 = {
    "q_many": ["a", "c"],
    "q_grid__x": "a",
    "q_grid__y": "b",
    "q_order__a": "2",
    "q_order__b": "3",
    "q_order__c": "1",
    "q_age": "34",
}
PAGE_3 = {"q_why": "Weil", "q_more": "Mehr Sprachkurse, bitte."}


def send(client, lang="de", slug="test-survey"):
    """Open the review step and send what it shows."""
    review = client.get(url(lang, slug, "pruefen/"))
    assert review.status_code == 200
    return client.post(url(lang, slug, "pruefen/"), hidden_fields(review))


def answer_all(client, lang="de", slug="test-survey", pages=(PAGE_1, PAGE_2, PAGE_3)):
    start(client, lang, slug)
    for number, data in enumerate(pages, start=1):
        response = page_post(client, number, data, lang, slug)
        assert response.status_code == 302, text(response)[:3000]
    return send(client, lang, slug)


@pytest.fixture
def survey(process):
    return survey_build(process)


@pytest.fixture
def browser():
    """A resident's browser: sends the Origin header, from one address."""
    return Client(headers={"Origin": "http://testserver"}, REMOTE_ADDR=IP)


# --- The whole journey -----------------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_whole_journey_without_javascript(browser, survey, lang):
    first = browser.get(url(lang))
    assert first.status_code == 200
    assert not first.cookies, "reading the first page sets no cookie"
    assert f'lang="{lang}"' in first.content.decode()
    cookie = f"mitplan_survey_{survey.pk}"

    started = start(browser, lang)
    assert started["Location"] == url(lang, suffix="seite/1/#main")
    assert cookie in started.cookies
    assert started.cookies[cookie]["httponly"]
    token_cookie = started.cookies[cookie].value

    page_1 = browser.get(url(lang, suffix="seite/1/"))
    assert page_1.status_code == 200
    assert not page_1.cookies, "only the start sets the cookie"
    question = {"de": "Frage pick", "ar": "سؤال pick"}[lang]
    assert question in text(page_1)
    assert in_language(lang, "Step %(position)s of %(steps)s", position=1, steps=4) in (
        text(page_1)
    )

    moved = page_post(browser, 1, PAGE_1, lang)
    assert moved["Location"] == url(lang, suffix="seite/2/#main")
    assert not moved.cookies
    # Back from page 2 keeps what it held and shows page 1 with its answers.
    back = page_post(browser, 2, PAGE_2, lang, go="back")
    assert back["Location"] == url(lang, suffix="seite/1/#main")
    again = browser.get(url(lang, suffix="seite/1/")).content.decode()
    assert re.search(r'value="a"[^>]*checked|checked[^>]*value="a"', again)
    page_2 = browser.get(url(lang, suffix="seite/2/")).content.decode()
    assert 'value="34"' in page_2
    assert re.search(r'<option value="1" selected>', page_2)  # c's place

    assert page_post(browser, 1, PAGE_1, lang)["Location"].endswith("seite/2/#main")
    assert page_post(browser, 2, PAGE_2, lang)["Location"].endswith("seite/3/#main")
    done = page_post(browser, 3, PAGE_3, lang)
    assert done["Location"] == url(lang, suffix="pruefen/#main")

    review = browser.get(url(lang, suffix="pruefen/"))
    shown = text(review)
    for answer in ("Weil", "Mehr Sprachkurse, bitte.", "34"):
        assert answer in shown
    label = {"de": "Antwort c", "ar": "جواب c"}[lang]
    assert f"1. {label}" in shown  # the ranking in its order
    assert not Response.objects.filter(survey=survey).exists()

    sent = browser.post(url(lang, suffix="pruefen/"), hidden_fields(review))
    assert sent.status_code == 302
    assert sent["Location"] == url(lang, suffix="danke/#main")
    assert browser.cookies[cookie].value == token_cookie  # sending sets none

    thanks = browser.get(url(lang, suffix="danke/"))
    assert thanks.status_code == 200
    assert thanks["Cache-Control"] == "private, no-store"
    assert f'href="{url(lang, suffix="ergebnisse/")}"' in thanks.content.decode()

    response = Response.objects.get(survey=survey)
    assert response.language == lang
    assert response.source == Response.Source.ONLINE
    assert response.answers == {**FULL, "grid": {"x": "a", "y": "b"}}
    assert not Draft.objects.filter(survey=survey).exists()
    survey.refresh_from_db()
    assert survey.response_count == 1
    stored = dict(
        Tally.objects.filter(survey=survey, question="order", group_by="").values_list(
            "key", "count"
        )
    )
    assert stored == {"@answered": 1, "c@1": 1, "a@2": 1, "b@3": 1}
    assert (
        Tally.objects.get(
            survey=survey, question="", key="@responses", group_by="@language"
        ).group_key
        == lang
    )


def test_a_condition_skips_a_page_there_and_back(browser, survey):
    # Page 3 only for those who chose "a" on page 1.
    Question.objects.filter(survey=survey, code="more").update(
        condition={"question": "pick", "in": ["a"]}
    )
    start(browser)
    page_post(browser, 1, {**PAGE_1, "q_pick": "b"})
    assert page_post(browser, 2, PAGE_2)["Location"] == url(suffix="pruefen/#main")
    review = browser.get(url(suffix="pruefen/"))
    assert in_language("de", "Step %(position)s of %(steps)s", position=3, steps=3) in (
        text(review)
    )
    # An old link to the skipped page leads on; "back" from review to page 2.
    assert browser.get(url(suffix="seite/3/"))["Location"] == url(suffix="pruefen/")
    assert f'href="{url(suffix="seite/2/")}#main"' in review.content.decode()
    # Going back and choosing "a" brings page 3 in.
    assert page_post(browser, 2, PAGE_2, go="back")["Location"].endswith(
        "seite/1/#main"
    )
    assert page_post(browser, 1, PAGE_1)["Location"].endswith("seite/2/#main")
    assert page_post(browser, 2, PAGE_2)["Location"].endswith("seite/3/#main")
    page_3 = browser.get(url(suffix="seite/3/"))
    assert "Frage why" in text(page_3) and "Frage more" in text(page_3)


def test_answers_to_a_page_the_person_then_skipped_are_not_sent(browser, survey):
    Question.objects.filter(survey=survey, code="more").update(
        condition={"question": "pick", "in": ["a"]}
    )
    start(browser)
    page_post(browser, 1, PAGE_1)
    page_post(browser, 2, PAGE_2)
    page_post(browser, 3, PAGE_3)
    # Back to page 1 from the review, now "b": page 3 is skipped, its answers stay
    # in the draft but were not asked any more.
    page_post(browser, 1, {**PAGE_1, "q_pick": "b"})
    assert page_post(browser, 2, PAGE_2)["Location"].endswith("pruefen/#main")
    review = browser.get(url(suffix="pruefen/"))
    assert "Weil" not in text(review)
    sent = browser.post(url(suffix="pruefen/"), hidden_fields(review))
    assert sent.status_code == 302, text(sent)[:3000]
    answers = Response.objects.get(survey=survey).answers
    assert "why" not in answers and "more" not in answers
    assert answers["pick"] == "b"


def test_an_answer_to_a_hidden_question_is_not_kept(browser, survey):
    start(browser)
    page_post(browser, 1, {**PAGE_1, "q_pick": "b"})
    page_post(browser, 2, PAGE_2)
    # A forged page 3 that answers "why" (shown only after "a").
    moved = page_post(browser, 3, {"q_why": "versteckt", "q_more": "Sichtbar"})
    assert moved.status_code == 302
    draft = Draft.objects.get(survey=survey)
    assert "why" not in draft.answers and draft.answers["more"] == "Sichtbar"
    assert send(browser).status_code == 302
    assert "why" not in Response.objects.get(survey=survey).answers


def test_a_page_without_the_cookie_leads_to_the_start(client, survey):
    for suffix in ("seite/1/", "seite/2/", "pruefen/"):
        assert client.get(url(suffix=suffix))["Location"] == url()
    assert client.post(url(suffix="seite/1/"), PAGE_1)["Location"] == url()
    assert client.get(url(suffix="danke/"))["Location"] == url()
    assert not Draft.objects.filter(survey=survey).exists()


def test_a_forged_cookie_counts_as_none(client, survey):
    client.cookies[f"mitplan_survey_{survey.pk}"] = "eyJ0IjoiZm9yZ2VkIn0:forged"
    assert client.get(url(suffix="seite/1/"))["Location"] == url()


def test_pages_that_do_not_exist_are_404(browser, survey):
    start(browser)
    assert browser.get(url(suffix="seite/9/")).status_code == 404
    assert browser.get(url(suffix="seite/0/")).status_code == 404
    assert browser.get(url(slug="nope")).status_code == 404
    later = survey_build(
        survey.process, slug="later", opens_at=timezone.now() + timedelta(days=2)
    )
    assert browser.get(url(slug=later.slug)).status_code == 404


def test_a_cross_site_post_is_refused(survey):
    forged = Client(headers={"Origin": "https://evil.example"})
    assert forged.post(url(), {}).status_code == 403
    assert not forged.cookies


# --- Errors ------------------------------------------------------------------------


def errors_of(response) -> list[str]:
    """The messages next to the fields."""
    body = response.content.decode()
    return [
        html.unescape(message)
        for message in re.findall(
            r'<p class="kern-error" id="[^"]+"><span[^>]*></span>'
            r'<span class="kern-body">(.*?)</span></p>',
            body,
            flags=re.S,
        )
    ]


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_a_required_question_left_out_is_asked_for_with_everything_kept(
    browser, survey, lang
):
    Question.objects.filter(survey=survey, code="scale").update(is_required=True)
    start(browser, lang)
    page_1 = browser.get(url(lang, suffix="seite/1/")).content.decode()
    # The required question is not marked optional; the other one is.
    optional = f"– {in_language(lang, 'optional')}"
    legends = {
        re.sub(r"<[^>]+>", "", legend).split(" – ")[0].strip(): legend
        for legend in re.findall(r'<legend class="kern-label">(.*?)</legend>', page_1)
    }
    question = {"de": "Frage", "ar": "سؤال"}[lang]
    assert optional not in legends[f"{question} scale"]
    assert optional in legends[f"{question} pick"]
    refused = page_post(
        browser, 1, {"q_pick": "@other", "q_pick__other": "Mein Text"}, lang
    )
    assert refused.status_code == 400
    assert errors_of(refused) == [in_language(lang, "Please answer this question.")]
    body = refused.content.decode()
    assert 'value="Mein Text"' in body
    assert re.search(r'value="@other"[^>]*checked', body)
    assert 'id="form-errors"' in body
    assert not Draft.objects.filter(survey=survey).exists()


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize(
    ("age", "message", "params"),
    [
        (
            "121",
            "Please enter a number from %(low)s to %(high)s.",
            {"low": "0", "high": "120"},
        ),
        (
            "-1",
            "Please enter a number from %(low)s to %(high)s.",
            {"low": "0", "high": "120"},
        ),
        (
            "١٢١",
            "Please enter a number from %(low)s to %(high)s.",
            {"low": "0", "high": "120"},
        ),
        ("1e999", "Please enter a number, e.g. 12 or 3.5.", {}),
        ("NaN", "Please enter a number, e.g. 12 or 3.5.", {}),
        ("3.14159", "Please enter a number, e.g. 12 or 3.5.", {}),
        ("12345678901", "Please enter a number, e.g. 12 or 3.5.", {}),
        ("abc", "Please enter a number, e.g. 12 or 3.5.", {}),
    ],
)
def test_numbers_out_of_range_or_unreadable_get_one_error(
    browser, survey, lang, age, message, params
):
    start(browser, lang)
    refused = page_post(browser, 2, {**PAGE_2, "q_age": age}, lang)
    assert refused.status_code == 400
    assert errors_of(refused) == [in_language(lang, message, **params)]
    assert f'value="{age}"' in refused.content.decode()  # what was typed stays


def test_a_huge_number_is_too_long(browser, survey):
    start(browser)
    huge = str(10**100)
    refused = page_post(browser, 2, {**PAGE_2, "q_age": huge})
    assert refused.status_code == 400
    [error] = errors_of(refused)
    assert "20" in error and "101" in error  # at most 20 characters; this has 101
    assert huge in refused.content.decode()


def test_a_comma_is_a_decimal_point(browser, survey):
    start(browser)
    assert page_post(browser, 2, {**PAGE_2, "q_age": " 34,5 "}).status_code == 302
    assert Draft.objects.get(survey=survey).answers["age"] == "34.5"


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_a_choice_of_another_question_or_survey_is_refused(browser, survey, lang):
    start(browser, lang)
    # A matrix's line, the demo survey's answer, another kind's, a scale value
    # out of the scale.
    forged = [
        (1, {"q_pick": "x", "q_scale": "4"}, "x"),
        (1, {"q_pick": "bildung", "q_scale": "4"}, "bildung"),
        (1, {"q_pick": "@dont_know", "q_scale": "4"}, "@dont_know"),
        (1, {"q_pick": "a", "q_scale": "9"}, "9"),
        (2, {**PAGE_2, "q_many": ["a", "x"]}, "x"),
        (2, {**PAGE_2, "q_grid__x": "x"}, "x"),
    ]
    for number, data, value in forged:
        refused = page_post(browser, number, data, lang)
        assert refused.status_code == 400
        assert errors_of(refused) == [not_offered(lang, value)]
    assert not Draft.objects.filter(survey=survey).exists()


def not_offered(lang, value):
    from django import forms

    with translation.override(lang):
        message = forms.ChoiceField.default_error_messages["invalid_choice"]
        return str(message) % {"value": value}


def test_too_many_choices_are_refused(browser, survey):
    start(browser)
    refused = page_post(browser, 2, {**PAGE_2, "q_many": ["a", "b", "c"]})
    assert refused.status_code == 400
    assert errors_of(refused) == [
        in_language("de", "Please choose at most %(count)d answers.", count=2)
    ]


@pytest.mark.parametrize(
    "places",
    [
        {"q_order__a": "1", "q_order__b": "1", "q_order__c": "2"},  # a place twice
        {"q_order__a": "1", "q_order__b": "2", "q_order__c": ""},  # one left out
        {"q_order__a": "1", "q_order__b": "2", "q_order__c": "7"},  # no such place
    ],
)
@pytest.mark.parametrize("is_required", [False, True])
def test_a_ranking_with_a_place_twice_or_missing_shows_one_error(
    browser, survey, places, is_required
):
    Question.objects.filter(survey=survey, code="order").update(is_required=is_required)
    start(browser)
    refused = page_post(browser, 2, {**PAGE_2, **places})
    assert refused.status_code == 400
    errors = errors_of(refused)
    assert len(errors) == 1, errors
    assert refused.content.decode().count('class="kern-error"') == 1


def test_a_required_ranking_left_empty_is_asked_for_once(browser, survey):
    Question.objects.filter(survey=survey, code="order").update(is_required=True)
    start(browser)
    empty = {"q_order__a": "", "q_order__b": "", "q_order__c": ""}
    refused = page_post(browser, 2, {**PAGE_2, **empty})
    assert refused.status_code == 400
    assert errors_of(refused) == [in_language("de", "Please answer this question.")]


def test_a_required_matrix_needs_every_line(browser, survey):
    Question.objects.filter(survey=survey, code="grid").update(is_required=True)
    start(browser)
    refused = page_post(browser, 2, {**PAGE_2, "q_grid__y": ""})
    assert refused.status_code == 400
    assert len(errors_of(refused)) == 1


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_a_nul_byte_is_refused_in_the_page_language(browser, survey, lang):
    start(browser, lang)
    page_post(browser, 1, PAGE_1, lang)
    refused = page_post(browser, 3, {**PAGE_3, "q_why": "Wei\x00l"}, lang)
    assert refused.status_code == 400
    with translation.override(lang):
        one_line = gettext("Please use only letters, digits and punctuation.")
    assert errors_of(refused) == [one_line]
    assert "Mehr Sprachkurse" in refused.content.decode()  # the other answer stays
    refused = page_post(
        browser, 1, {"q_pick": "@other", "q_pick__other": "\x00", "q_scale": "1"}, lang
    )
    assert refused.status_code == 400


@pytest.mark.parametrize(
    ("code", "page", "limit"), [("why", 3, 300), ("more", 3, 5000)]
)
def test_oversized_text_is_refused_and_kept(browser, survey, code, page, limit):
    Question.objects.filter(survey=survey, code=code).update(is_required=True)
    start(browser)
    page_post(browser, 1, PAGE_1)
    long_text = "Ä" * (limit + 1)
    refused = page_post(browser, page, {**PAGE_3, f"q_{code}": long_text})
    assert refused.status_code == 400
    [error] = errors_of(refused)  # one error, not also "please answer"
    assert str(limit + 1) in error.replace(".", "").replace(",", "")
    assert long_text in refused.content.decode()


def test_other_needs_its_text_and_the_text_needs_other(browser, survey):
    start(browser)
    refused = page_post(browser, 1, {"q_pick": "@other", "q_scale": "1"})
    assert errors_of(refused) == [in_language("de", 'Please say what "other" means.')]
    refused = page_post(browser, 1, {**PAGE_1, "q_pick__other": "Text"})
    assert errors_of(refused) == [
        in_language("de", 'Please also choose "other", or leave this field empty.')
    ]
    moved = page_post(browser, 1, {"q_pick": "@other", "q_pick__other": " Eigenes "})
    assert moved.status_code == 302
    assert Draft.objects.get(survey=survey).answers["@other"] == {"pick": "Eigenes"}
    # Typed without ticking "other": it counts as "other", not dropped.
    only_text = {k: v for k, v in PAGE_1.items() if k != "q_pick"}
    kept = page_post(browser, 1, {**only_text, "q_pick__other": "Nur getippt"})
    assert kept.status_code == 302
    draft = Draft.objects.get(survey=survey).answers
    assert draft["pick"] == "@other" and draft["@other"] == {"pick": "Nur getippt"}


def test_refusals_at_the_send_step_link_to_their_page(browser, survey):
    start(browser)
    page_post(browser, 1, PAGE_1)
    page_post(browser, 2, PAGE_2)
    page_post(browser, 3, PAGE_3)
    # The survey changed while the person answered: "more" is now required and
    # its answer was taken away (staff may not do that, but a draft is old).
    draft = Draft.objects.get(survey=survey)
    draft.answers.pop("more")
    draft.save()
    Question.objects.filter(survey=survey, code="more").update(is_required=True)
    refused = send(browser)
    assert refused.status_code == 400
    body = refused.content.decode()
    assert f'href="{url(suffix="seite/3/")}#main"' in body
    assert in_language("de", "Please answer this question.") in text(refused)
    assert not Response.objects.filter(survey=survey).exists()


def test_an_expired_or_forged_send_form_is_refused(browser, survey):
    answer_all_but_send(browser)
    review = browser.get(url(suffix="pruefen/"))
    fields = {**hidden_fields(review), "submission": "forged"}
    refused = browser.post(url(suffix="pruefen/"), fields)
    assert refused.status_code == 400
    fields = {**hidden_fields(review), "website": "http://spam.example"}
    assert browser.post(url(suffix="pruefen/"), fields).status_code == 400
    assert not Response.objects.filter(survey=survey).exists()


def answer_all_but_send(client, lang="de"):
    start(client, lang)
    for number, data in enumerate((PAGE_1, PAGE_2, PAGE_3), start=1):
        assert page_post(client, number, data, lang).status_code == 302


# --- Once per device, account, code ------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_a_second_attempt_is_told_it_answered_already(browser, survey, lang):
    assert answer_all(browser, lang).status_code == 302
    first = browser.get(url(lang))
    assert in_language(lang, "You have already answered this survey") in text(first)
    assert 'name="go"' not in first.content.decode()
    # Pages and the send step lead back to that notice; nothing more is stored.
    for suffix in ("seite/1/", "pruefen/"):
        assert browser.get(url(lang, suffix=suffix))["Location"] == url(lang)
    again = browser.post(url(lang))  # "start" again
    assert browser.get(again["Location"].split("#")[0])["Location"] == url(lang)
    assert Response.objects.filter(survey=survey).count() == 1
    # Another device may answer: one response per device.
    assert (
        answer_all(Client(headers={"Origin": "http://testserver"})).status_code == 302
    )
    assert Response.objects.filter(survey=survey).count() == 2


def test_double_send_with_the_same_key_stores_one_response(browser, survey):
    answer_all_but_send(browser)
    review = browser.get(url(suffix="pruefen/"))
    fields = hidden_fields(review)
    first = browser.post(url(suffix="pruefen/"), fields)
    second = browser.post(url(suffix="pruefen/"), fields)
    assert first["Location"] == url(suffix="danke/#main")
    assert second.status_code == 302  # to the notice "answered already"
    assert Response.objects.filter(survey=survey).count() == 1
    survey.refresh_from_db()
    assert survey.response_count == 1


def test_a_resend_after_back_stores_one_response(browser, survey):
    """Sent, then the browser's "back" to the review page and send again (the
    browser shows the page it kept, with its key)."""
    answer_all_but_send(browser)
    review = browser.get(url(suffix="pruefen/"))
    assert (
        browser.post(url(suffix="pruefen/"), hidden_fields(review)).status_code == 302
    )
    again = browser.post(url(suffix="pruefen/"), hidden_fields(review))
    assert again.status_code == 302
    assert browser.get(again["Location"]).status_code == 200
    assert Response.objects.filter(survey=survey).count() == 1


def test_the_same_key_from_a_tab_that_has_not_seen_the_first_send(survey):
    """Two tabs of one browser send at the same moment: both passed the check
    for "answered" before either stored; the service settles it by the key."""
    device = Client(headers={"Origin": "http://testserver"})
    answer_all_but_send(device)
    fields = hidden_fields(device.get(url(suffix="pruefen/")))
    key = services.respondent_key(token_of(device, survey))
    submission = SubmissionKeyField().clean(fields["submission"])
    answers = Draft.objects.get(survey=survey).answers
    first, saved = services.response_submit(
        survey=survey,
        answers=answers,
        language="de",
        key=key,
        submission_key=submission,
    )
    again, saved_again = services.response_submit(
        survey=survey,
        answers=answers,
        language="de",
        key=key,
        submission_key=submission,
    )
    assert (saved, saved_again) == (Saved.CREATED, Saved.RESENT)
    assert first.pk == again.pk
    assert Response.objects.filter(survey=survey).count() == 1


def test_access_codes(process, process_owner):
    survey = survey_build(process, audience=Survey.Audience.ACCESS_CODE)
    first, second = services.access_codes_create(
        survey=survey, count=2, group="Beirat", actor=process_owner
    )
    person = Client(headers={"Origin": "http://testserver"})
    page = person.get(url())
    assert 'name="code"' in page.content.decode()
    wrong = person.post(url(), {"code": "ZZZZ-ZZZZ-ZZ"})
    assert wrong.status_code == 400
    assert in_language("de", "We do not know this code. Please check it.") in text(
        wrong
    )
    assert 'value="ZZZZ-ZZZZ-ZZ"' in wrong.content.decode()
    assert not wrong.cookies
    # Typed as printed, in lower case: found.
    typed = f"{first.code[:4].lower()}-{first.code[4:8]} {first.code[8:]}"
    start(person, code=typed)
    for number, data in enumerate((PAGE_1, PAGE_2, PAGE_3), start=1):
        assert page_post(person, number, data).status_code == 302
    assert send(person).status_code == 302
    first.refresh_from_db()
    assert first.used_at is not None
    response = Response.objects.get(survey=survey)
    assert response.respondent_key == f"code:{first.pk}"
    # The same code on another device: used.
    other = Client(headers={"Origin": "http://testserver"})
    used = other.post(url(), {"code": first.code})
    assert used.status_code == 400
    assert in_language("de", "This access code has been used already.") in text(used)
    # The second code still works.
    start(other, code=second.code)
    assert other.get(url(suffix="seite/1/")).status_code == 200


def test_access_code_start_without_code_is_refused(process, process_owner):
    survey_build(process, audience=Survey.Audience.ACCESS_CODE)
    person = Client(headers={"Origin": "http://testserver"})
    refused = person.post(url(), {"code": ""})
    assert refused.status_code == 400
    assert not refused.cookies


def test_signed_in_audience(process, django_user_model):
    survey = survey_build(process, audience=Survey.Audience.SIGNED_IN)
    anonymous = Client(headers={"Origin": "http://testserver"})
    first = anonymous.get(url())
    assert f'href="{reverse("account_login")}?next=' in first.content.decode()
    assert in_language("de", "Start the survey") not in text(first)
    assert anonymous.post(url()).status_code == 403
    assert not Draft.objects.filter(survey=survey).exists()
    resident = django_user_model.objects.create_user("anna", password="x" * 12)
    device_1 = Client(headers={"Origin": "http://testserver"})
    device_1.force_login(resident)
    assert answer_all(device_1).status_code == 302
    assert Response.objects.get(survey=survey).account == resident
    device_2 = Client(headers={"Origin": "http://testserver"})
    device_2.force_login(resident)
    told = device_2.get(url())
    assert in_language("de", "You have already answered this survey") in text(told)
    start(device_2)
    assert device_2.get(url(suffix="seite/1/"))["Location"] == url()
    assert Response.objects.filter(survey=survey).count() == 1


# --- Closed, paused ----------------------------------------------------------------


def test_a_closed_survey_takes_no_answers(browser, process):
    now = timezone.now()
    survey = survey_build(
        process, opens_at=now - timedelta(days=9), closes_at=now + timedelta(days=1)
    )
    answer_all_but_send(browser)
    Survey.objects.filter(pk=survey.pk).update(closes_at=now - timedelta(minutes=1))
    closed = in_language(
        "de", "This survey is closed. Thank you to everyone who took part."
    )
    first = browser.get(url())
    assert closed in text(first)
    assert in_language("de", "Start the survey") not in text(first)
    refused = browser.post(url())
    assert refused.status_code == 403
    refused = page_post(browser, 1, PAGE_1)
    assert refused.status_code == 403
    assert closed in text(refused)
    refused = send(browser)
    assert refused.status_code == 400
    assert closed in text(refused)
    assert not Response.objects.filter(survey=survey).exists()
    # The results are final now.
    results = browser.get(url(suffix="ergebnisse/"))
    assert results.status_code == 200
    assert in_language("de", "Interim results") not in text(results)


def test_a_paused_process_keeps_its_survey_open_and_says_so(browser, survey, process):
    assert process.is_paused
    first = browser.get(url())
    said = in_language(
        "de", "The process is paused, but this survey goes on: your answers count."
    )
    assert said in text(first)
    assert answer_all(browser).status_code == 302


def test_a_survey_of_a_completed_process_is_closed(browser, survey, process):
    process.status = process.Status.COMPLETED
    process.save()
    first = browser.get(url())
    assert in_language("de", "Answering is not possible now") in text(first)
    assert browser.post(url()).status_code == 403


# --- Privacy -----------------------------------------------------------------------


def test_the_response_and_the_draft_keep_no_ip_address_or_token(browser, survey):
    start(browser)
    page_post(browser, 1, PAGE_1)
    token = token_of(browser, survey)
    draft = model_to_dict(Draft.objects.get(survey=survey))
    assert IP not in repr(draft) and token not in repr(draft)
    page_post(browser, 2, PAGE_2)
    page_post(browser, 3, PAGE_3)
    send(browser)
    response = Response.objects.get(survey=survey)
    stored = repr(model_to_dict(response))
    assert IP not in stored
    assert token not in stored
    assert response.respondent_key == services.respondent_key(token)
    assert response.account is None


# --- Results -----------------------------------------------------------------------


def demo_survey():
    return Survey.objects.get(slug="zusammenleben")


def test_the_results_page_says_they_are_interim(client):
    survey = demo_survey()
    page = client.get(url(slug="zusammenleben", suffix="ergebnisse/"))
    assert page.status_code == 200
    shown = text(page)
    assert in_language("de", "Interim results") in shown
    assert (
        in_language(
            "de",
            "These are the answers of the people who chose to take part, not a "
            "representative poll.",
        )
        in shown
    )
    assert so_far("de", survey.response_count) in shown
    body = page.content.decode()
    assert 'hx-trigger="every 30s"' in body
    assert 'hx-get="/de/lip/umfragen/zusammenleben/ergebnisse/aktuell/?seen=' in body
    assert "dist/htmx.min.js" in body
    # Charts with their numbers as text and a table; the SVG download.
    assert 'class="mp-chart"' in body and "<table" in body
    address = chart_address(survey.process, survey.slug, "welcome")
    assert f'href="{address}" download' in body


def test_the_chart_caption_does_not_repeat_the_heading(client):
    body = client.get(url(slug="zusammenleben", suffix="ergebnisse/")).content.decode()
    for section in re.findall(r'<section class="mp-result".*?</section>', body, re.S):
        heading = re.search(r"<h2[^>]*>(.*?)</h2>", section, re.S)
        heading_text = " ".join(re.sub(r"<[^>]+>", " ", heading.group(1)).split())
        for caption in re.findall(
            r"<figcaption[^>]*>(.*?)</figcaption>", section, re.S
        ):
            caption_text = " ".join(re.sub(r"<[^>]+>", " ", caption).split())
            assert caption_text and caption_text != heading_text, section[:400]


def test_the_live_fragment_is_the_results_alone(client):
    fragment = client.get(url(slug="zusammenleben", suffix="ergebnisse/aktuell/"))
    assert fragment.status_code == 200
    body = fragment.content.decode()
    assert "<html" not in body and "<main" not in body
    assert 'class="mp-result"' in body
    assert so_far("de", demo_survey().response_count) in text(fragment)


def test_a_new_response_shows_at_once_in_the_fragment(client, browser, survey):
    before = text(client.get(url(suffix="ergebnisse/aktuell/")))
    assert so_far("de", 0) in before
    answer_all(browser)
    after = text(client.get(url(suffix="ergebnisse/aktuell/")))
    assert so_far("de", 1) in after


def chart_address(process, slug, code, lang="de", fmt="svg"):
    from mitplan.processes.portal import url_below_portal

    with translation.override(lang):
        return url_below_portal(process, "survey_chart_download", slug, code, fmt)


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_chart_svg(client, lang):
    survey = demo_survey()
    page = client.get(url(lang, "zusammenleben", "ergebnisse/")).content.decode()
    address = chart_address(survey.process, survey.slug, "welcome", lang)
    assert f'href="{address}" download' in page
    svg = client.get(address)
    assert svg.status_code == 200
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert 'filename="zusammenleben-welcome.svg"' in svg["Content-Disposition"]
    body = svg.content.decode()
    assert body.startswith(("<svg", "<?xml"))
    assert "<script" not in body
    for missing in ("nope", "first_step", "where_engaged"):  # unknown, text, hidden
        address = chart_address(survey.process, survey.slug, missing, lang)
        assert client.get(address).status_code == 404
    png = client.get(chart_address(survey.process, survey.slug, "welcome", lang, "png"))
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    assert 'filename="zusammenleben-welcome.png"' in png["Content-Disposition"]
    unknown = chart_address(survey.process, survey.slug, "welcome", lang, "gif")
    assert client.get(unknown).status_code == 404


def respond(survey, count, *, language="de", start_at=0, **changes):
    for n in range(start_at, start_at + count):
        answers = {**FULL, **changes}
        services.response_submit(
            survey=survey,
            answers=answers,
            language=language,
            key=services.respondent_key(f"device-{n}"),
        )


def test_min_n_hides_the_bars(client, survey):
    respond(survey, 9)
    page = client.get(url(suffix="ergebnisse/"))
    body = page.content.decode()
    assert 'class="mp-chart"' not in body
    too_few = ngettext_in(
        "de",
        "%(counter)s person has answered so far: too few to show results.",
        "%(counter)s people have answered so far: too few to show results.",
        9,
    )
    assert too_few in text(page)
    address = chart_address(survey.process, survey.slug, "pick")
    assert address not in body
    respond(survey, 1, start_at=9)
    page = client.get(url(suffix="ergebnisse/"))
    assert 'class="mp-chart"' in page.content.decode()
    assert address in page.content.decode()


def test_min_n_hides_the_svg_too(client, survey):
    respond(survey, 9)
    address = chart_address(survey.process, survey.slug, "pick")
    assert client.get(address).status_code == 404
    respond(survey, 1, start_at=9)
    assert client.get(address).status_code == 200


def test_a_staff_raised_min_n_hides_more(client, survey):
    Survey.objects.filter(pk=survey.pk).update(min_respondents=20)
    respond(survey, 12)
    body = client.get(url(suffix="ergebnisse/")).content.decode()
    assert 'class="mp-chart"' not in body
    assert "20" in body


def test_breakdown_groups_under_five_are_hidden(client, survey):
    respond(survey, 10, language="de")
    respond(survey, 4, language="ar", start_at=10)
    page = client.get(url(suffix="ergebnisse/?by=@language"))
    assert page.status_code == 200
    shown = text(page)
    assert (
        in_language(
            "de",
            "Groups with fewer than 5 people are not shown, so that nobody can be "
            "recognised.",
        )
        in shown
    )
    body = page.content.decode()
    groups = re.findall(r'<div class="mp-result__group">(.*?)</figure>', body, re.S)
    assert groups and all("(4 " not in group for group in groups)
    assert "Arabisch" not in " ".join(groups) and "العربية" not in " ".join(groups)
    # A breakdown that does not exist is none.
    assert client.get(url(suffix="ergebnisse/?by=nope&source=x")).status_code == 200


def test_results_hidden_by_staff_say_so_and_give_no_chart(client, survey):
    respond(survey, 10)
    Survey.objects.filter(pk=survey.pk).update(are_results_public=False)
    said = in_language("de", "The results of this survey are not published.")
    page = client.get(url(suffix="ergebnisse/"))
    assert page.status_code == 200
    assert said in text(page)
    assert 'class="mp-chart"' not in page.content.decode()
    assert "hx-get" not in page.content.decode()
    fragment = client.get(url(suffix="ergebnisse/aktuell/"))
    assert said in text(fragment)
    address = chart_address(survey.process, survey.slug, "pick")
    assert client.get(address).status_code == 404


def test_a_question_staff_keep_unpublished_is_not_shown(client, survey):
    respond(survey, 10)
    Question.objects.filter(survey=survey, code="scale").update(publishes_results=False)
    Survey.objects.filter(pk=survey.pk).update(changed_at=timezone.now())
    body = client.get(url(suffix="ergebnisse/")).content.decode()
    assert 'id="result-scale"' not in body
    address = chart_address(survey.process, survey.slug, "scale")
    assert client.get(address).status_code == 404


def test_results_of_a_survey_not_yet_open_are_404(client, process):
    later = survey_build(process, slug="later", opens_at=timezone.now() + timedelta(1))
    assert client.get(url(slug=later.slug, suffix="ergebnisse/")).status_code == 404
    assert client.get(
        url(slug=later.slug, suffix="ergebnisse/aktuell/")
    ).status_code == (404)


# Wagtail finds the portal page with queries of its own before any view runs
# (site, locale, the pages on the path, aliases, view restrictions).
WAGTAIL_ROUTING = 7


@pytest.mark.parametrize("suffix", ["ergebnisse/", "ergebnisse/aktuell/"])
@pytest.mark.parametrize("query", ["", "?by=@language", "?by=age_group"])
def test_results_cost_few_queries_with_a_warm_cache(
    client, suffix, query, django_assert_max_num_queries
):
    address = url(slug="zusammenleben", suffix=suffix) + query
    assert client.get(address).status_code == 200  # warms the cache
    with django_assert_max_num_queries(WAGTAIL_ROUTING + 5) as captured:
        assert client.get(address).status_code == 200
    own = [
        q["sql"] for q in captured.captured_queries if "wagtailcore_" not in q["sql"]
    ]
    assert len(own) <= 5, own  # the process, the survey and its phases


def test_the_results_are_read_from_the_tallies_not_the_responses(client):
    """The page reads no response row: counting them would grow with the survey."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert (
            client.get(url(slug="zusammenleben", suffix="ergebnisse/")).status_code
            == 200
        )
    table = Response._meta.db_table
    assert not [q for q in queries.captured_queries if f'"{table}"' in q["sql"]]


def test_the_tallies_match_the_responses_after_the_journeys(browser, survey):
    answer_all(browser)
    answer_all(Client(headers={"Origin": "http://testserver"}), "ar")
    definition = Definition.of(survey)
    expected = tallies.computed(
        definition,
        Response.objects.filter(survey=survey).values_list(
            "answers", "language", "source"
        ),
    )
    assert tallies.stored(survey.pk) == {k: v for k, v in expected.items() if v}


def test_access_code_rows_are_not_exposed(client, process, process_owner):
    survey = survey_build(process, audience=Survey.Audience.ACCESS_CODE)
    services.access_codes_create(survey=survey, count=1, group="", actor=process_owner)
    code = AccessCode.objects.get(survey=survey).code
    assert code not in client.get(url()).content.decode()


def test_the_live_results_answer_nothing_while_unchanged(client, survey):
    respond(survey, 10)
    page = client.get(url(suffix="ergebnisse/")).content.decode()
    [address] = re.findall(r'hx-get="([^"]+)"', page)
    address = address.replace("&amp;", "&")
    unchanged = client.get(address)
    assert unchanged.status_code == 204 and not unchanged.content
    respond(survey, 1, start_at=10)
    changed = client.get(address)
    assert changed.status_code == 200
    assert 'id="results"' in changed.content.decode()
    [newer] = re.findall(r'hx-get="([^"]+)"', changed.content.decode())
    assert newer != address.replace("&", "&amp;")


def test_continuing_later_goes_on_where_the_person_stopped(browser, survey):
    assert start(browser)["Location"].startswith(url(suffix="seite/1/"))
    page_post(browser, 1, PAGE_1)
    page_post(browser, 2, PAGE_2)
    # Back on the survey's first page another day: "Continue" leads to page 3.
    assert start(browser)["Location"].startswith(url(suffix="seite/3/"))


@override_settings(ALTCHA_MAX_NUMBER=20)
def test_over_the_send_limit_a_short_check_is_asked_not_a_refusal(settings, survey):
    """A school or a town hall's tablet: many people behind one address."""
    from mitplan.core.tests.test_altcha import _solved_payload

    settings.SURVEY_RATE = "1/h"
    first = Client(headers={"Origin": "http://testserver"}, REMOTE_ADDR=IP)
    assert answer_all(first).status_code == 302
    second = Client(headers={"Origin": "http://testserver"}, REMOTE_ADDR=IP)
    asked = answer_all(second)
    assert asked.status_code == 429
    assert "altcha-widget" in asked.content.decode()
    assert Response.objects.filter(survey=survey).count() == 1
    review = second.get(url(suffix="pruefen/"))
    sent = second.post(
        url(suffix="pruefen/"), {**hidden_fields(review), "altcha": _solved_payload()}
    )
    assert sent.status_code == 302 and "/danke/" in sent["Location"]
    assert Response.objects.filter(survey=survey).count() == 2


def test_a_matrix_downloads_one_chart_per_line(client, survey):
    respond(survey, 10)
    page = client.get(url(suffix="ergebnisse/")).content.decode()
    for part in ("grid-1", "grid-2"):
        address = url(suffix=f"ergebnisse/{part}/svg/")
        assert f'href="{address}"' in page
        svg = client.get(address)
        assert svg.status_code == 200 and "Frage grid" in svg.content.decode()
    assert client.get(url(suffix="ergebnisse/grid-3/svg/")).status_code == 404
    assert client.get(url(suffix="ergebnisse/grid-x/svg/")).status_code == 404


def test_the_list_reads_each_survey_in_the_same_queries(
    client, process, django_assert_max_num_queries
):
    for n in range(4):
        survey_build(process, slug=f"liste-{n}")
    client.cookies["seen"] = "1"  # rendered, not from the shared page cache
    client.get("/de/lip/umfragen/")  # warm the portal's caches
    # Seven to find the page (Wagtail), then the surveys and their process's
    # phases once, however many surveys there are.
    with django_assert_max_num_queries(9):
        page = client.get("/de/lip/umfragen/")
    assert page.status_code == 200 and "liste-3" in page.content.decode()


def test_a_copy_refused_after_its_twin_was_stored_is_told_received(
    browser, survey, monkeypatch
):
    """A double click near the limit: the twin stored the response while this
    copy waited; whatever refused the copy, the person hears "received"."""
    from mitplan.core.sending import NotCarriedOut

    start(browser)
    for number, data in enumerate((PAGE_1, PAGE_2, PAGE_3), start=1):
        page_post(browser, number, data)
    review = browser.get(url(suffix="pruefen/"))
    fields = hidden_fields(review)
    real = views.carry_out

    def twin_first(action, *limits, **kwargs):
        real(action, *limits, **kwargs)  # the twin's copy stores it
        raise NotCarriedOut("Bitte warten Sie eine Weile.", 429)

    monkeypatch.setattr(views, "carry_out", twin_first)
    sent = browser.post(url(suffix="pruefen/"), fields)
    assert sent.status_code == 302 and "/danke/" in sent["Location"]
    assert Response.objects.filter(survey=survey).count() == 1
