"""Surveys in the open data API: the surveys of a process, and their published
results under the rules of the results page, read from the tallies."""

import statistics
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from mitplan.surveys import services
from mitplan.surveys.models import Survey, Tally
from mitplan.surveys.tests.factories import FULL, survey_build

pytestmark = pytest.mark.django_db

RESULTS = "/api/v1/processes/lip-2/surveys/test-survey/results"


def send(survey, number, *, language="de", **answers):
    given = {**FULL, **answers}
    if given["pick"] != "a":
        given.pop("why")
    given = {code: value for code, value in given.items() if value is not None}
    services.response_submit(
        survey=survey,
        answers=given,
        language=language,
        key=services.respondent_key(f"device-{number}"),
    )


def tallied(survey, question, group_by="", group_key="") -> dict:
    return dict(
        Tally.objects.filter(
            survey=survey, question=question, group_by=group_by, group_key=group_key
        ).values_list("key", "count")
    )


def by_code(body) -> dict:
    return {question["code"]: question for question in body["questions"]}


def bars(chart) -> dict:
    return {bar["code"]: bar["count"] for bar in chart["bars"]}


def test_the_list_shows_the_surveys_that_opened_with_their_links(client, process):
    survey_build(process)
    survey_build(
        process,
        slug="later",
        opens_at=timezone.now() + timedelta(days=3),
        closes_at=timezone.now() + timedelta(days=30),
    )
    response = client.get("/api/v1/processes/lip-2/surveys")
    assert response.status_code == 200
    surveys = {survey["slug"]: survey for survey in response.json()}
    assert set(surveys) == {"test-survey", "zusammenleben"}
    listed = surveys["test-survey"]
    assert listed["title"] == "Testumfrage"
    assert listed["is_open"] is True and listed["closed_reason"] == ""
    assert listed["are_results_public"] is True
    assert listed["response_count"] == 0
    assert listed["results_url"] == (
        "http://testserver/de/lip/umfragen/test-survey/ergebnisse/"
    )
    assert listed["results_api_url"] == "http://testserver" + RESULTS
    assert client.get(listed["results_url"]).status_code == 200
    assert client.get(listed["results_api_url"]).status_code == 200
    assert surveys["zusammenleben"]["response_count"] == 350


def test_the_list_costs_the_same_queries_for_more_surveys(
    client, process, django_assert_max_num_queries
):
    survey_build(process)
    client.get("/api/v1/processes/lip-2/surveys")
    with django_assert_max_num_queries(5):
        client.get("/api/v1/processes/lip-2/surveys")
    for number in range(3):
        survey_build(process, slug=f"more-{number}")
    with django_assert_max_num_queries(5):
        assert len(client.get("/api/v1/processes/lip-2/surveys").json()) == 5


def test_the_results_are_the_tallies(client, process):
    survey = survey_build(process)
    for number in range(12):
        send(
            survey,
            number,
            pick="abc"[number % 3],
            scale=[1, 2, 5, "@dont_know"][number % 4],
            many=[["a"], ["a", "b"], ["b", "c"]][number % 3],
            grid={"x": "abc"[number % 3], "y": "a"},
            order=["c", "b", "a"] if number % 3 == 0 else ["a", "b", "c"],
            age=str(20 + number),
        )
    body = client.get(RESULTS).json()
    assert (
        body["response_count"] == 12 == Survey.objects.get(pk=survey.pk).response_count
    )
    assert body["is_final"] is False and body["is_live"] is True
    assert body["updated_at"] is not None
    results = by_code(body)
    # Free text never, not even how many answered.
    assert set(results) == {"pick", "scale", "many", "grid", "order", "age"}
    for code in ("pick", "scale", "many"):
        counts = tallied(survey, code)
        assert results[code]["respondents"] == counts.pop("@answered") == 12
        [chart] = results[code]["charts"]
        assert {k: v for k, v in bars(chart).items() if v} == counts, code
    [pick] = results["pick"]["charts"]
    assert [bar["code"] for bar in pick["bars"]] == ["a", "b", "c", "@other"]
    assert pick["bars"][0] == {
        "code": "a",
        "label": "Antwort a",
        "count": 4,
        "percent": 33.3,
        "average_place": None,
        "text": "",
    }
    # Several answers each: shares of the respondents add up to more than 100.
    [many] = results["many"]["charts"]
    assert sum(bar["percent"] for bar in many["bars"]) > 100
    grid = tallied(survey, "grid")
    for chart in results["grid"]["charts"]:
        for code, count in bars(chart).items():
            assert grid.get(f"{chart['item']}:{code}", 0) == count
    assert [chart["item"] for chart in results["grid"]["charts"]] == ["x", "y"]
    [order] = results["order"]["charts"]
    ranked = tallied(survey, "order")
    for bar in order["bars"]:
        places = [ranked.get(f"{bar['code']}@{place}", 0) for place in (1, 2, 3)]
        assert bar["count"] == sum(places)
        assert bar["average_place"] == round(
            sum(place * n for place, n in zip((1, 2, 3), places, strict=True))
            / sum(places),
            2,
        )
    assert {bar["code"] for bar in order["bars"]} == {"a", "b", "c"}
    # The best average place first, as the page draws them.
    assert [bar["code"] for bar in order["bars"]] == ["a", "b", "c"]
    assert [bar["average_place"] for bar in order["bars"]] == [1.67, 2.0, 2.33]
    age = results["age"]
    assert age["median"] == statistics.median(range(20, 32)) == 25.5
    assert sum(bar["count"] for bar in age["charts"][0]["bars"]) == 12
    assert all(bar["code"] is None for bar in age["charts"][0]["bars"])


def test_hidden_results_are_not_published_until_the_final_ones(
    client, process, process_owner
):
    survey = survey_build(process, are_results_public=False)
    for number in range(10):
        send(survey, number)
    response = client.get(RESULTS)
    assert response.status_code == 404
    assert "not published" in response.json()["detail"]
    listed = client.get("/api/v1/processes/lip-2/surveys").json()
    assert [s["are_results_public"] for s in listed if s["slug"] == survey.slug] == [
        False
    ]
    services.survey_close(survey=survey, actor=process_owner)
    body = client.get(RESULTS).json()
    assert body["is_final"] is True and body["is_live"] is False
    assert body["response_count"] == 10


def test_a_question_shows_counts_only_from_min_respondents(client, process):
    survey = survey_build(process)
    for number in range(11):
        send(survey, number, age=str(30 + number) if number < 4 else None)
    results = by_code(client.get(RESULTS).json())
    assert results["pick"]["is_shown"] is True
    age = results["age"]
    assert age["is_shown"] is False
    # As the page: how many answered, but no counts and no median.
    assert age["respondents"] == 4
    assert age["charts"] == [] and age["median"] is None and age["groups"] == []


def test_nine_responses_show_no_counts_at_all(client, process):
    survey = survey_build(process)
    for number in range(9):
        send(survey, number)
    body = client.get(RESULTS).json()
    assert body["response_count"] == 9
    assert all(not q["is_shown"] and q["charts"] == [] for q in body["questions"])
    assert "Antwort" not in str(body["questions"])


def test_breakdown_groups_of_fewer_than_five_are_left_out(client, process):
    survey = survey_build(process)
    for number in range(14):
        send(
            survey,
            number,
            pick="a" if number < 10 else "b",
            language="de" if number < 11 else "ar",
        )
    body = client.get(RESULTS + "?by=pick").json()
    assert {"code": "pick", "label": "Frage pick"} in body["breakdowns"]
    assert body["breakdown"] == "pick"
    scale = by_code(body)["scale"]
    assert [group["key"] for group in scale["groups"]] == ["a"]
    assert scale["groups"][0]["respondents"] == 10
    assert scale["small_groups"] == 1
    counts = tallied(survey, "scale", "pick", "a")
    [chart] = scale["groups"][0]["charts"]
    assert bars(chart)["4"] == counts["4"] == 10
    by_language = by_code(client.get(RESULTS + "?by=@language").json())["scale"]
    assert [group["key"] for group in by_language["groups"]] == ["de"]
    assert by_language["small_groups"] == 1
    assert client.get(RESULTS + "?by=scale").status_code == 422  # not offered
    assert client.get(RESULTS + "?by=no%20code").status_code == 422
    assert 400 <= client.get(RESULTS + "?by=%00").status_code < 500
    assert client.get(RESULTS + "?source=paper").status_code == 422


def test_texts_in_the_request_language(client, process):
    survey = survey_build(process)
    for number in range(10):
        send(survey, number)
    body = client.get(RESULTS, HTTP_ACCEPT_LANGUAGE="en").json()
    assert body["title"] == "Test survey"
    pick = by_code(body)["pick"]
    assert pick["text"] == "Question pick"
    assert pick["charts"][0]["bars"][0]["label"] == "Answer a"
    assert pick["charts"][0]["bars"][-1]["label"] == "Other"
    arabic = client.get(RESULTS, HTTP_ACCEPT_LANGUAGE="ar").json()
    assert arabic["title"] == "استبيان تجريبي"
    assert client.get(RESULTS).json()["title"] == "Testumfrage"
    [listed] = [
        s
        for s in client.get(
            "/api/v1/processes/lip-2/surveys", HTTP_ACCEPT_LANGUAGE="en"
        ).json()
        if s["slug"] == survey.slug
    ]
    assert listed["title"] == "Test survey"
    assert listed["results_url"].endswith("/en/lip/umfragen/test-survey/ergebnisse/")


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/processes/nope/surveys",
        "/api/v1/processes/lip-2/surveys/nope/results",
        "/api/v1/processes/nope/surveys/test-survey/results",
        "/api/v1/processes/lip-2/surveys/later/results",  # not opened yet
        "/api/v1/processes/lip-2/surveys/" + "x" * 101 + "/results",
    ],
)
def test_unknown_surveys_are_not_found(client, process, address):
    survey_build(process)
    survey_build(
        process,
        slug="later",
        opens_at=timezone.now() + timedelta(days=3),
        closes_at=timezone.now() + timedelta(days=30),
    )
    response = client.get(address)
    assert response.status_code in (404, 422)
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()
    for odd in ("/api/v1/processes/lip%00/surveys", RESULTS.replace("test", "t%00")):
        assert 400 <= client.get(odd).status_code < 500


@pytest.mark.parametrize("options", ["", "?by=pick", "?by=@language"])
def test_results_cost_at_most_five_queries_cold_and_warm(
    client, process, django_assert_max_num_queries, options
):
    survey = survey_build(process)
    for number in range(12):
        send(survey, number)
    cache.clear()
    with django_assert_max_num_queries(5):
        assert client.get(RESULTS + options).status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get(RESULTS + options).status_code == 200


def test_a_new_response_shows_at_once(client, process):
    survey = survey_build(process)
    for number in range(10):
        send(survey, number)
    assert client.get(RESULTS).json()["response_count"] == 10
    send(survey, 10)
    assert client.get(RESULTS).json()["response_count"] == 11


def test_the_demo_survey_results_are_its_tallies(client, process):
    survey = Survey.objects.get(process=process, slug="zusammenleben")
    body = client.get("/api/v1/processes/lip-2/surveys/zusammenleben/results").json()
    assert body["response_count"] == 350
    results = by_code(body)
    assert "where_engaged" not in results and "first_step" not in results
    for code in ("fields", "years", "engaged", "age_group", "heard"):
        counts = tallied(survey, code)
        assert results[code]["respondents"] == counts.pop("@answered")
        assert {
            key: n for key, n in bars(results[code]["charts"][0]).items() if n
        } == counts
