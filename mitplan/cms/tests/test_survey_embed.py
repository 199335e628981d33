"""A page's live result block: one survey question's interim results, drawn from the
cached tallies each time the page is read, through the seam the surveys app
registers with (processes.embeds); and the demo's news on the survey's interim
results with two of its charts."""

import html
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext, ngettext
from wagtail import blocks

from mitplan.cms.blocks import LiveResultBlock
from mitplan.cms.models import ProcessPage, StandardPage
from mitplan.processes import embeds
from mitplan.surveys import embeds as survey_embeds
from mitplan.surveys import services
from mitplan.surveys.models import Question, Response, Survey
from mitplan.surveys.tests.factories import FULL, survey_build

pytestmark = pytest.mark.django_db

ARTICLE = "/{lang}/lip/aktuelles/zwischenergebnisse-online-befragung/"


@pytest.fixture
def registered(monkeypatch):
    """The surveys' kind registered for one test (SurveysConfig.ready does it for
    the site; the demo's tests below check that it does)."""
    monkeypatch.setattr(embeds, "_kinds", dict(embeds._kinds))
    survey_embeds.register()


def text(response) -> str:
    body = response.content.decode()
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def said(message: str, **params) -> str:
    """`message` as a German page says it (its catalog's words, or the source's)."""
    with translation.override("de"):
        words = gettext(message)
    return words % params if params else words


def respond(survey, count: int) -> None:
    for n in range(count):
        services.response_submit(
            survey=survey,
            answers=FULL,
            language="de",
            key=services.respondent_key(f"embed-{n}"),
        )


def article_with(*values, heading="Wie es gerade steht") -> StandardPage:
    portal = ProcessPage.objects.get(locale__language_code="de", slug="lip")
    page = portal.add_child(
        instance=StandardPage(
            title="Meldung",
            slug="meldung",
            body=[
                ("live_result", {"heading": heading, "level": "h2", "figure": value})
                for value in values
            ],
        )
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def survey(process, registered):
    return survey_build(process)


def test_the_block_shows_the_chart_with_its_numbers(client, survey):
    respond(survey, 10)
    article_with(survey_embeds.figure_value(survey, "pick"))
    page = client.get("/de/lip/meldung/")
    assert page.status_code == 200
    body = page.content.decode()
    shown = text(page)
    assert '<h2 class="kern-heading-large">Wie es gerade steht</h2>' in body
    assert body.count('class="mp-chart"') == 1
    assert "Frage pick" in shown and "Antwort a" in shown
    assert "10 (100 %)" in shown  # the bar's count and share as text
    assert said("Answered by %(counter)s people.", counter=10) in shown or (
        "10" in shown
    )
    assert said("Interim results") in shown
    assert (
        said(
            "These are the answers of the people who chose to take part, not a "
            "representative poll."
        )
        in shown
    )
    assert 'href="/de/lip/umfragen/test-survey/ergebnisse/"' in body


def test_below_the_minimum_it_says_too_few_have_answered(client, survey):
    respond(survey, 9)
    article_with(survey_embeds.figure_value(survey, "pick"))
    page = client.get("/de/lip/meldung/")
    assert page.status_code == 200
    assert 'class="mp-chart"' not in page.content.decode()
    with translation.override("de"):
        too_few = ngettext(
            "%(counter)s person has answered so far: too few to show results.",
            "%(counter)s people have answered so far: too few to show results.",
            9,
        ) % {"counter": 9}
    assert too_few in text(page)


def test_hidden_results_say_so_and_link_nowhere(client, survey):
    respond(survey, 10)
    Survey.objects.filter(pk=survey.pk).update(are_results_public=False)
    article_with(survey_embeds.figure_value(survey, "pick"))
    page = client.get("/de/lip/meldung/")
    body = page.content.decode()
    assert said("The results of this survey are not published.") in text(page)
    assert 'class="mp-chart"' not in body
    assert "/ergebnisse/" not in body


def test_a_question_kept_unpublished_says_so(client, survey):
    respond(survey, 10)
    Question.objects.filter(survey=survey, code="pick").update(publishes_results=False)
    article_with(survey_embeds.figure_value(survey, "pick"))
    page = client.get("/de/lip/meldung/")
    assert said("The results of this question are not published.") in text(page)
    assert 'class="mp-chart"' not in page.content.decode()


def test_a_gone_survey_or_kind_leaves_the_page_up_and_says_so(client, survey):
    value = survey_embeds.figure_value(survey, "pick")
    article_with(value, "nokind:1/pick", "survey:not-an-id/pick", "survey:")
    survey.delete()
    page = client.get("/de/lip/meldung/")
    assert page.status_code == 200
    assert text(page).count(said("This live result is no longer available.")) == 4


def test_the_editor_picks_from_the_charted_questions(survey):
    values = {
        value: label
        for _kind, options in embeds.embed_choices()
        for value, label in options
    }
    assert survey_embeds.figure_value(survey, "pick") in values
    assert survey_embeds.figure_value(survey, "grid") in values
    assert survey_embeds.figure_value(survey, "more") not in values  # free text
    assert values[survey_embeds.figure_value(survey, "pick")] == (
        "Testumfrage – Frage pick"
    )


def test_the_block_refuses_a_figure_that_is_gone(survey):
    block = LiveResultBlock()
    good = survey_embeds.figure_value(survey, "pick")
    value = block.to_python({"heading": "", "level": "h2", "figure": good})
    assert block.clean(value)["figure"] == good
    Question.objects.filter(survey=survey, code="pick").update(publishes_results=False)
    with pytest.raises(blocks.StructBlockValidationError):
        block.clean(value)
    assert embeds.embed_problem("nokind:1") == str(embeds.GONE)


def test_the_demo_article_shows_two_live_charts(client):
    survey = Survey.objects.get(slug="zusammenleben")
    for lang, title in [
        ("de", "Zwischenergebnisse der Online-Befragung"),
        ("en", "Interim results of the online survey"),
        ("ar", "النتائج المرحلية للاستطلاع عبر الإنترنت"),
    ]:
        page = client.get(ARTICLE.format(lang=lang))
        assert page.status_code == 200, lang
        body = page.content.decode()
        assert title in text(page)
        assert body.count('class="mp-chart"') == 2, lang
        assert f"{survey.response_count} " in text(page)
        assert f'href="/{lang}/lip/umfragen/zusammenleben/ergebnisse/"' in body
    assert "300" in text(client.get(ARTICLE.format(lang="de")))


def test_the_page_with_charts_costs_few_queries_and_reads_no_response(
    client, django_assert_max_num_queries
):
    address = ARTICLE.format(lang="de")
    assert client.get(address).status_code == 200  # warms the cache
    # The page itself takes 15 (an article in the process's news: two more to find
    # it one level deeper, its categories, and its process's portal for the
    # navigation); each chart 3 (its question with its survey, the locale and the
    # portal for the link), however many have answered.
    with django_assert_max_num_queries(21):
        page = client.get(address)
    assert page.content.decode().count('class="mp-chart"') == 2
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    table = Response._meta.db_table
    assert not [q for q in queries.captured_queries if f'"{table}"' in q["sql"]]
