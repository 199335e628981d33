"""A whole response is checked against the survey's definition, whatever sent it."""

import pytest
from django.utils import translation

from mitplan.surveys import conditions
from mitplan.surveys.answers import AnswersRefused, Definition, check, parse_number

from .factories import FULL, survey_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def definition(process):
    return Definition.of(survey_build(process))


def test_a_full_response_is_kept_as_sent_in_the_surveys_order(definition):
    clean = check(definition, {**FULL, "many": ["c", "a"]})
    assert clean["many"] == ["a", "c"]
    assert clean["order"] == ["c", "a", "b"]
    assert clean["age"] == "34"


def test_an_answer_to_a_question_the_conditions_hid_is_refused(definition):
    with pytest.raises(AnswersRefused) as refused:
        check(definition, {**FULL, "pick": "b"})  # "why" is asked only after "a"
    assert set(refused.value.errors) == {"why"}
    clean = check(
        definition, {k: v for k, v in {**FULL, "pick": "b"}.items() if k != "why"}
    )
    assert "why" not in clean


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("pick", "z"),  # a choice the question does not offer
        ("pick", ["a"]),
        ("scale", 6),
        ("scale", "4.5"),
        ("scale", True),
        ("many", ["a", "b", "c"]),  # more than max_choices
        ("many", ["a", "a"]),
        ("grid", {"x": "a", "z": "b"}),
        ("grid", ["a"]),
        ("order", ["a", "b"]),
        ("order", ["a", "a", "b"]),
        ("age", "121"),
        ("age", "1e3"),
        ("age", "١٢١"),  # Arabic-Indic digits, out of range
        ("age", "99999999999999999999999"),
        ("age", "3\x004"),
        ("why", "a\x00b"),
        ("more", "x" * 5001),
    ],
)
def test_values_that_do_not_fit_are_refused_with_the_question_named(
    definition, code, value
):
    with pytest.raises(AnswersRefused) as refused:
        check(definition, {**FULL, code: value})
    # (A refused "pick" hides "why" too: its answer is then refused as well.)
    assert code in refused.value.errors


def test_answers_to_questions_of_another_survey_are_refused(definition):
    with pytest.raises(AnswersRefused) as refused:
        check(definition, {**FULL, "elsewhere": "a"})
    assert "" in refused.value.errors


def test_other_needs_its_text_and_only_with_other_chosen(definition):
    clean = check(definition, {**FULL, "pick": "@other", "why": None,
                               "@other": {"pick": " Nachbarschaft "}})  # fmt: skip
    assert clean["@other"] == {"pick": "Nachbarschaft"}
    with pytest.raises(AnswersRefused):
        check(definition, {**FULL, "pick": "@other", "why": None})
    with pytest.raises(AnswersRefused):
        check(definition, {**FULL, "@other": {"pick": "text"}})


def test_a_required_question_must_be_answered(definition):
    question = definition.by_code["scale"]
    question.is_required = True
    with pytest.raises(AnswersRefused) as refused:
        check(definition, {k: v for k, v in FULL.items() if k != "scale"})
    assert list(refused.value.errors) == ["scale"]


@pytest.mark.parametrize(
    ("typed", "number"),
    [("12", "12"), ("-3,5", "-3.5"), (" 7.25 ", "7.25"), (12, "12")],
)
def test_numbers_as_people_type_them(typed, number):
    assert str(parse_number(typed)) == number


@pytest.mark.parametrize("typed", ["", "1e5", "½", "12.345", "--1", None, True])
def test_what_is_no_number(typed):
    assert parse_number(typed) is None


def test_conditions_combine_and_compare():
    answers = {"a": "x", "n": "12", "m": ["p", "q"]}
    assert conditions.holds({"question": "a", "in": ["x", "y"]}, answers)
    assert conditions.holds({"question": "m", "in": ["q"]}, answers)
    assert conditions.holds({"question": "n", "op": ">=", "value": 12}, answers)
    assert not conditions.holds({"question": "n", "op": "<", "value": 12}, answers)
    assert conditions.holds(
        {
            "all": [
                {"question": "a", "in": ["x"]},
                {"not": {"question": "z", "answered": True}},
            ]
        },
        answers,
    )
    assert conditions.holds(
        {
            "any": [
                {"question": "a", "in": ["no"]},
                {"question": "n", "op": "=", "value": "12.0"},
            ]
        },
        answers,
    )
    assert not conditions.holds({"question": "missing", "op": ">", "value": 1}, answers)


def test_a_condition_may_only_name_earlier_pages(definition):
    why = definition.by_code["why"]
    conditions.validate(why.condition, earlier=definition.earlier(why))
    scale = definition.by_code["scale"]  # on page 1 with "pick"
    with translation.override("en"), pytest.raises(Exception, match="earlier page"):
        conditions.validate(
            {"question": "pick", "in": ["a"]}, earlier=definition.earlier(scale)
        )
    with translation.override("en"), pytest.raises(Exception, match="does not offer"):
        conditions.validate(
            {"question": "pick", "in": ["zz"]}, earlier=definition.earlier(why)
        )
    for malformed in (
        [],
        {"all": []},
        {"question": "pick"},
        {"question": "age", "op": "~", "value": 1},
    ):
        with pytest.raises(Exception):  # noqa: B017, PT011
            conditions.validate(malformed, earlier=definition.earlier(why))


@pytest.mark.parametrize(
    ("typed", "stored"), [("٣٤", "34"), ("۳۴", "34"), ("٣٤٫٥", "34.5")]
)
def test_arabic_and_persian_digits_are_read(definition, typed, stored):
    assert check(definition, {**FULL, "age": typed})["age"] == stored


@pytest.mark.parametrize("value", ["NaN", "sNaN", "Infinity", "-inf"])
def test_a_comparison_with_no_finite_number_is_refused_and_never_raises(
    definition, value
):
    from django.core.exceptions import ValidationError

    from mitplan.surveys import conditions

    condition = {"question": "age", "op": "<", "value": value}
    assert conditions.holds(condition, {"age": "34"}) is False
    assert conditions.holds({**condition, "value": 40}, {"age": value}) is False
    with pytest.raises(ValidationError):
        conditions.validate(condition, earlier={"age": definition.by_code["age"]})
    conditions.validate(
        {**condition, "value": 40}, earlier={"age": definition.by_code["age"]}
    )
