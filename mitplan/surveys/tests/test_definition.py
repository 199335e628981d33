"""A survey's definition travels as JSON to the next process: exported and
imported it is the same survey (without responses, with new dates), and a file
that does not fit is refused whole, with nothing written."""

import copy
import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from conftest import staff_member
from mitplan.processes.models import Process
from mitplan.processes.roles import EXPERT_GROUPS, PROCESS_OWNERS
from mitplan.surveys import definition, services
from mitplan.surveys.models import Choice, Question, Response, Survey

from .factories import FULL, admin_in_english, survey_build

pytestmark = pytest.mark.django_db


def test_the_log_actions_are_registered():
    registry.scan_for_actions()
    for action in (
        "mitplan.survey.exported",
        "mitplan.survey.definition_exported",
        "mitplan.survey.definition_imported",
    ):
        assert registry.action_exists(action)


@pytest.fixture
def owner(db):
    return admin_in_english(staff_member("amt", PROCESS_OWNERS))


@pytest.fixture
def survey(process):
    survey = survey_build(
        process,
        introduction_de="Worum es geht",
        introduction_en="What it is about",
        privacy_text_de="Wir speichern nichts über Sie.",
        min_respondents=25,
        are_results_public=False,
    )
    Question.objects.filter(survey=survey, code="pick").update(
        other_label_de="Anderes, nämlich", other_label_ar="شيء آخر", help_text_en="Pick"
    )
    Question.objects.filter(survey=survey, code="scale").update(
        scale_min=0, scale_max=10, scale_min_label_de="nie", condition=None
    )
    Question.objects.filter(survey=survey, code="more").update(
        condition={"any": [{"question": "scale", "op": ">=", "value": 5}]}
    )
    services.response_submit(
        survey=survey,
        answers={**FULL, "scale": 7},
        language="de",
        key=services.respondent_key("x"),
    )
    Survey.objects.filter(pk=survey.pk).update(audience=Survey.Audience.SIGNED_IN)
    survey.refresh_from_db()
    return survey


def counts():
    return (Survey.objects.count(), Question.objects.count(), Choice.objects.count())


def dates():
    opens_at = timezone.now() + timedelta(days=7)
    return {"opens_at": opens_at, "closes_at": opens_at + timedelta(days=28)}


def import_(raw, process, actor, **kwargs):
    return definition.definition_import(
        raw=raw, process=process, actor=actor, **dates(), **kwargs
    )


def test_a_definition_holds_texts_in_every_language_settings_and_conditions(survey):
    data = definition.definition_export(survey)
    assert (data["format"], data["version"]) == ("mitplan.survey", 1)
    head = data["survey"]
    assert head["title"] == {
        "de": "Testumfrage",
        "en": "Test survey",
        "ar": "استبيان تجريبي",
    }
    assert head["introduction"] == {"de": "Worum es geht", "en": "What it is about"}
    assert (head["audience"], head["min_respondents"]) == ("signed_in", 25)
    assert head["are_results_public"] is False
    codes = [q["code"] for q in data["questions"]]
    assert codes == ["pick", "scale", "many", "grid", "order", "age", "why", "more"]
    pick = data["questions"][0]
    assert pick["other_label"] == {"de": "Anderes, nämlich", "ar": "شيء آخر"}
    assert pick["choices"][0] == {
        "code": "a",
        "role": "option",
        "label": {"de": "Antwort a", "en": "Answer a", "ar": "جواب a"},
    }
    age = data["questions"][5]
    assert (age["number_min"], age["number_max"], age["unit"]) == (
        "0",
        "120",
        {"de": "Jahre"},
    )
    assert data["questions"][6]["condition"] == {"question": "pick", "in": ["a"]}
    grid = data["questions"][3]
    roles = {c["code"]: c["role"] for c in grid["choices"]}
    assert roles == {
        "a": "option",
        "b": "option",
        "c": "option",
        "x": "item",
        "y": "item",
    }
    assert "responses" not in json.dumps(data)  # never any response


def test_export_import_export_gives_the_same_definition(survey, owner):
    other = Process.objects.create(title_de="LIP 3.0", slug="lip-3")
    raw = json.dumps(definition.definition_export(survey)).encode()
    given = dates()
    copy_ = definition.definition_import(raw=raw, process=other, actor=owner, **given)
    assert copy_.process == other and copy_.slug == "test-survey"
    assert (copy_.opens_at, copy_.closes_at) == (given["opens_at"], given["closes_at"])
    assert copy_.response_count == 0 and not Response.objects.filter(survey=copy_)
    assert definition.definition_export(copy_) == definition.definition_export(survey)
    entry = ModelLogEntry.objects.get(action="mitplan.survey.definition_imported")
    assert entry.object_id == str(copy_.pk) and entry.user_id == owner.pk


def test_an_import_into_the_same_process_gets_a_new_slug(survey, owner, process):
    raw = json.dumps(definition.definition_export(survey)).encode()
    second = import_(raw, process, owner)
    third = import_(raw, process, owner)
    assert (second.slug, third.slug) == ("test-survey-2", "test-survey-3")
    exported = definition.definition_export(third)
    original = definition.definition_export(survey)
    exported["survey"].pop("slug"), original["survey"].pop("slug")
    assert exported == original


def test_only_staff_who_manage_the_process_import(survey, process):
    raw = json.dumps(definition.definition_export(survey)).encode()
    expert = staff_member("fachgruppe", EXPERT_GROUPS)
    before = counts()
    with pytest.raises(PermissionDenied):
        import_(raw, process, expert)
    assert counts() == before


def test_only_staff_who_manage_the_process_export(survey, owner):
    expert = staff_member("fachgruppe", EXPERT_GROUPS)
    with pytest.raises(PermissionDenied):
        definition.definition_dumps(survey, actor=expert)
    assert json.loads(definition.definition_dumps(survey, actor=owner))["questions"]


def valid(survey) -> dict:
    return definition.definition_export(survey)


def changed(data, change) -> bytes:
    data = copy.deepcopy(data)
    change(data)
    return json.dumps(data).encode()


def question(data, code):
    return next(q for q in data["questions"] if q["code"] == code)


HOSTILE = {
    "too large": lambda d: b" " * (definition.MAX_BYTES + 1),
    "not JSON": lambda d: b"{'format': 'mitplan.survey'",
    "UTF-16": lambda d: '{"format": "mitplan.survey"}'.encode("utf-16"),
    "Latin-1": lambda d: json.dumps(d, ensure_ascii=False).encode("latin-1", "replace"),
    "NUL byte": lambda d: json.dumps(d).encode().replace(b"Antwort a", b"Ant\x00a"),
    "escaped NUL": lambda d: changed(
        d, lambda d: question(d, "pick")["choices"][0]["label"].update(de="a\u0000b")
    ),
    "nested too deep": lambda d: b"[" * 100_000 + b"]" * 100_000,
    "a list": lambda d: b"[]",
    "another format": lambda d: changed(d, lambda d: d.update(format="limesurvey")),
    "a later version": lambda d: changed(d, lambda d: d.update(version=2)),
    "no questions": lambda d: changed(d, lambda d: d.update(questions=[])),
    "questions not a list": lambda d: changed(d, lambda d: d.update(questions={})),
    "unknown kind": lambda d: changed(d, lambda d: question(d, "age").update(kind="x")),
    "kind not text": lambda d: changed(d, lambda d: question(d, "age").update(kind=1)),
    "bad code": lambda d: changed(d, lambda d: question(d, "age").update(code="1 ab")),
    "long code": lambda d: changed(
        d, lambda d: question(d, "age").update(code="a" * 41)
    ),
    "bad choice code": lambda d: changed(
        d, lambda d: question(d, "pick")["choices"][0].update(code="=cmd")
    ),
    "same code twice": lambda d: changed(
        d, lambda d: question(d, "age").update(code="pick")
    ),
    "same answer twice": lambda d: changed(
        d, lambda d: question(d, "pick")["choices"][1].update(code="a")
    ),
    "condition on a later page": lambda d: changed(
        d,
        lambda d: question(d, "pick").update(
            condition={"question": "more", "answered": True}
        ),
    ),
    "condition on the same page": lambda d: changed(
        d,
        lambda d: question(d, "scale").update(
            condition={"question": "pick", "in": ["a"]}
        ),
    ),
    "condition on an unknown question": lambda d: changed(
        d,
        lambda d: question(d, "why").update(
            condition={"question": "nope", "in": ["a"]}
        ),
    ),
    "condition on an unknown answer": lambda d: changed(
        d,
        lambda d: question(d, "why").update(
            condition={"question": "pick", "in": ["z"]}
        ),
    ),
    "condition unreadable": lambda d: changed(
        d, lambda d: question(d, "why").update(condition={"all": "pick"})
    ),
    "page as text": lambda d: changed(d, lambda d: question(d, "age").update(page="2")),
    "page too high": lambda d: changed(d, lambda d: question(d, "age").update(page=99)),
    "required as text": lambda d: changed(
        d, lambda d: question(d, "age").update(is_required="yes")
    ),
    "required as number": lambda d: changed(
        d, lambda d: d["survey"].update(are_results_public=1)
    ),
    "min respondents as boolean": lambda d: changed(
        d, lambda d: d["survey"].update(min_respondents=True)
    ),
    "too few respondents": lambda d: changed(
        d, lambda d: d["survey"].update(min_respondents=2)
    ),
    "unknown audience": lambda d: changed(
        d, lambda d: d["survey"].update(audience="everyone")
    ),
    "title as text": lambda d: changed(d, lambda d: d["survey"].update(title="T")),
    "title too long": lambda d: changed(
        d, lambda d: d["survey"]["title"].update(en="x" * 201)
    ),
    "no German title": lambda d: changed(d, lambda d: d["survey"]["title"].pop("de")),
    "unknown language": lambda d: changed(
        d, lambda d: d["survey"]["title"].update(xx="?")
    ),
    "unknown entry": lambda d: changed(
        d, lambda d: d["survey"].update(response_count=9)
    ),
    "choices not a list": lambda d: changed(
        d, lambda d: question(d, "pick").update(choices={"code": "a"})
    ),
    "choice not an object": lambda d: changed(
        d, lambda d: question(d, "pick").update(choices=["a"])
    ),
    "unknown role": lambda d: changed(
        d, lambda d: question(d, "pick")["choices"][0].update(role="row")
    ),
    "single choice without answers": lambda d: changed(
        d, lambda d: question(d, "pick").update(choices=[])
    ),
    "matrix without lines": lambda d: changed(
        d,
        lambda d: question(d, "grid").update(
            choices=[c for c in question(d, "grid")["choices"] if c["role"] == "option"]
        ),
    ),
    "answers to a number": lambda d: changed(
        d,
        lambda d: question(d, "age").update(choices=question(d, "pick")["choices"]),
    ),
    "scale upside down": lambda d: changed(
        d, lambda d: question(d, "scale").update(scale_min=5, scale_max=1)
    ),
    "number not a number": lambda d: changed(
        d, lambda d: question(d, "age").update(number_min="NaN")
    ),
    "range upside down": lambda d: changed(
        d, lambda d: question(d, "age").update(number_min="200")
    ),
    "huge integer": lambda d: changed(
        d, lambda d: question(d, "scale").update(scale_max=10**30)
    ),
    "too large for PostgreSQL": lambda d: changed(
        d, lambda d: d["survey"].update(min_respondents=40_000)
    ),
    "code with a double underscore": lambda d: changed(
        d, lambda d: question(d, "age").update(code="grid__x")
    ),
    "more choices required than answers": lambda d: changed(
        d, lambda d: question(d, "many").update(min_choices=4, max_choices=None)
    ),
    "more choices allowed than answers": lambda d: changed(
        d, lambda d: question(d, "many").update(max_choices=4)
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_or_broken_file_is_refused_with_nothing_written(
    survey, owner, process, case
):
    raw = HOSTILE[case](valid(survey))
    before = counts()
    with pytest.raises(definition.DefinitionRefused) as refused:
        import_(raw, process, owner)
    assert refused.value.messages and all(refused.value.messages)
    assert counts() == before
    assert not ModelLogEntry.objects.filter(
        action="mitplan.survey.definition_imported"
    ).exists()


def test_refusals_name_what_does_not_fit_in_the_staff_language(survey, owner, process):
    raw = HOSTILE["condition on a later page"](valid(survey))
    with translation.override("en"), pytest.raises(definition.DefinitionRefused) as e:
        import_(raw, process, owner)
    assert e.value.messages == [
        "Question pick, condition: A condition may only name a question on an "
        "earlier page (more is not one)."
    ]
    raw = HOSTILE["kind not text"](valid(survey))
    with translation.override("en"), pytest.raises(definition.DefinitionRefused) as e:
        import_(raw, process, owner)
    assert e.value.messages == ["Question 6 (age): kind has the wrong type."]


def test_a_code_that_would_clash_with_a_form_field_is_refused(survey, owner, process):
    """q_grid__x is the form field of the line x of the matrix grid: a question
    grid__x would have the same one."""
    raw = HOSTILE["code with a double underscore"](valid(survey))
    with translation.override("en"), pytest.raises(definition.DefinitionRefused) as e:
        import_(raw, process, owner)
    assert e.value.messages[-1:] == [
        "Question grid__x: a code must not contain two underscores in a row (__)."
    ]


def test_choice_limits_beyond_the_answers_offered_are_refused(survey, owner, process):
    data = valid(survey)
    many = question(data, "many")
    assert len(many["choices"]) == 3 and not many.get("allows_other")
    raw = changed(data, lambda d: question(d, "many").update(min_choices=4))
    with translation.override("en"), pytest.raises(definition.DefinitionRefused) as e:
        import_(raw, process, owner)
    assert "Question many: min_choices is 4, but it offers only 3 answers." in (
        e.value.messages
    )
    raw = changed(data, lambda d: question(d, "many").update(max_choices=4))
    with translation.override("en"), pytest.raises(definition.DefinitionRefused) as e:
        import_(raw, process, owner)
    assert e.value.messages == [
        "Question many: max_choices is 4, but it offers only 3 answers."
    ]
    # "Other, namely …" is one more answer to choose.
    raw = changed(
        data,
        lambda d: question(d, "many").update(
            allows_other=True, min_choices=4, max_choices=4
        ),
    )
    assert import_(raw, process, owner).questions.get(code="many").max_choices == 4


# --- Views -----------------------------------------------------------------


def upload(raw: bytes):
    return SimpleUploadedFile("umfrage.json", raw, content_type="application/json")


def form_data(process, raw: bytes) -> dict:
    given = dates()
    return {
        "process": process.pk,
        "file": upload(raw),
        "opens_at": given["opens_at"].strftime("%Y-%m-%d %H:%M"),
        "closes_at": given["closes_at"].strftime("%Y-%m-%d %H:%M"),
    }


def test_staff_download_a_definition_and_import_it_elsewhere(client, survey, owner):
    client.force_login(owner)
    response = client.get(reverse("surveys_definition_export", args=[survey.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".json" in response["Content-Disposition"]
    raw = response.content
    assert json.loads(raw)["survey"]["slug"] == "test-survey"
    assert ModelLogEntry.objects.filter(
        action="mitplan.survey.definition_exported", object_id=str(survey.pk)
    ).exists()

    other = Process.objects.create(title_de="LIP 3.0", slug="lip-3")
    page = client.get(reverse("surveys_definition_import"))
    assert page.status_code == 200
    assert b'enctype="multipart/form-data"' in page.content
    response = client.post(reverse("surveys_definition_import"), form_data(other, raw))
    copy_ = Survey.objects.get(process=other)
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:edit", args=[copy_.pk])
    assert copy_.questions.count() == 8


def test_the_import_form_shows_why_a_file_was_refused(client, survey, owner, process):
    client.force_login(owner)
    before = counts()
    raw = HOSTILE["unknown kind"](valid(survey))
    with translation.override("en"):
        response = client.post(
            reverse("surveys_definition_import"), form_data(process, raw)
        )
    assert response.status_code == 200
    assert (
        "Nothing was imported" in response.content.decode()
        or response.context["problems"]
    )
    assert any("unknown kind" in p for p in response.context["problems"])
    assert counts() == before


def test_the_import_form_refuses_an_oversized_upload_before_reading_it(
    client, owner, process
):
    client.force_login(owner)
    before = counts()
    raw = b"{" + b" " * definition.MAX_BYTES + b"}"
    response = client.post(
        reverse("surveys_definition_import"), form_data(process, raw)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert counts() == before


def test_experts_neither_download_nor_import_definitions(client, survey):
    client.force_login(staff_member("fachgruppe", EXPERT_GROUPS))
    for address in (
        reverse("surveys_definition_export", args=[survey.pk]),
        reverse("surveys_definition_import"),
    ):
        response = client.get(address)
        assert response.status_code == 302
        assert "Content-Disposition" not in response
