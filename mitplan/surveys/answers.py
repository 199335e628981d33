"""What a complete response may hold, checked against the survey's definition.

The page forms turn what a person typed into normalised values; this module checks a
whole response again in the service — whatever sent it (the forms, staff entering a
paper questionnaire, an import, a forged request) — so that only answers the survey
asked for are stored and counted:

    single   "a" | "@other"            multiple  ["a", "c", "@other"]
    scale    3 | "@dont_know"          matrix    {"item": "option", …}
    ranking  ["c", "a", "b"]           number    "12.5" (a decimal as text)
    text     "…"                       "other, namely …" texts: answers["@other"][code]
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from . import conditions
from .models import Question

OTHER = "@other"
DONT_KNOW = "@dont_know"
SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 5000
OTHER_TEXT_MAX = 300
_NUMBER = re.compile(r"-?[0-9]{1,10}([.,][0-9]{1,2})?")


@dataclass
class Definition:
    """A survey's questions in order, with their choices (one query each)."""

    survey: object
    questions: list
    by_code: dict = field(init=False)

    def __post_init__(self):
        self.by_code = {q.code: q for q in self.questions}

    @classmethod
    def of(cls, survey) -> "Definition":
        questions = list(
            survey.questions.order_by("page", "sort_order", "pk").prefetch_related(
                "choices"
            )
        )
        return cls(survey, questions)

    @property
    def pages(self) -> list[int]:
        return sorted({q.page for q in self.questions})

    def on_page(self, page: int) -> list:
        return [q for q in self.questions if q.page == page]

    def earlier(self, question) -> dict:
        return {q.code: q for q in self.questions if q.page < question.page}

    def is_shown(self, question, answers: dict) -> bool:
        """Shown if its condition holds on the answers to the questions shown
        before it (an answer to a hidden question counts as none)."""
        return conditions.holds(question.condition, self.shown_answers(answers))

    def shown_answers(self, answers: dict) -> dict:
        shown = {}
        for question in self.questions:
            if conditions.holds(question.condition, shown) and question.code in answers:
                shown[question.code] = answers[question.code]
        return shown

    def shown_pages(self, answers: dict) -> list[int]:
        """The pages with at least one question shown, given the answers so far."""
        shown = self.shown_answers(answers)
        return [
            page
            for page in self.pages
            if any(conditions.holds(q.condition, shown) for q in self.on_page(page))
        ]


class AnswersRefused(Exception):
    """Answers that do not fit the survey: {question code (or "" for the whole):
    message in the active language}."""

    def __init__(self, errors: dict):
        super().__init__(errors)
        self.errors = errors


# Arabic and Persian phone keyboards type their own digits and decimal sign.
_EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫−", "01234567890123456789.-")


def parse_number(value) -> Decimal | None:
    """A number as people type it (digits, also Arabic-Indic and Persian ones, "-",
    "." or "," before at most two decimals); None for anything else (exponents,
    NULs, more than ten digits)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = value.strip().translate(_EASTERN_DIGITS)
    if not _NUMBER.fullmatch(value):
        return None
    try:
        return Decimal(value.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern rules it out
        return None


def number_text(number: Decimal) -> str:
    """The stored form of a number: no exponent, no trailing zeros after a point."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def check(definition: Definition, answers) -> dict:
    """The answers, normalised, or AnswersRefused saying what does not fit."""
    if not isinstance(answers, dict):
        raise AnswersRefused({"": _("The answers could not be read.")})
    others = answers.get(OTHER) or {}
    if not isinstance(others, dict):
        raise AnswersRefused({"": _("The answers could not be read.")})
    unknown = set(answers) - set(definition.by_code) - {OTHER}
    if unknown:
        raise AnswersRefused(
            {"": _("These answers belong to no question of this survey.")}
        )
    errors = {}
    clean = {}
    clean_others = {}
    for question in definition.questions:
        if not conditions.holds(question.condition, clean):
            if _given(answers.get(question.code)) or question.code in others:
                errors[question.code] = _(
                    "This question was not asked, given your earlier answers."
                )
            continue
        value = answers.get(question.code)
        if not _given(value):
            if question.is_required:
                errors[question.code] = _("Please answer this question.")
            continue
        try:
            clean[question.code] = check_value(question, value)
        except ValueError as refusal:
            errors[question.code] = str(refusal)
            continue
        other = others.get(question.code)
        if question.allows_other and _chose_other(clean[question.code]):
            text = other.strip() if isinstance(other, str) else ""
            if not text:
                errors[question.code] = _('Please say what "other" means.')
            elif len(text) > OTHER_TEXT_MAX or "\x00" in text:
                errors[question.code] = _(
                    "Please shorten it to %(limit)d characters."
                ) % {"limit": OTHER_TEXT_MAX}
            else:
                clean_others[question.code] = text
        elif other not in (None, ""):
            errors[question.code] = _('"Other" was not chosen.')
    if errors:
        raise AnswersRefused(errors)
    if clean_others:
        clean[OTHER] = clean_others
    return clean


def _given(value) -> bool:
    return value not in (None, "", [], {})


def _chose_other(value) -> bool:
    return value == OTHER or (isinstance(value, list) and OTHER in value)


def check_value(question, value):
    """One answer, normalised; ValueError with the message for the person."""
    kind = question.kind
    if kind in (Question.Kind.SHORT_TEXT, Question.Kind.LONG_TEXT):
        limit = SHORT_TEXT_MAX if kind == Question.Kind.SHORT_TEXT else LONG_TEXT_MAX
        if not isinstance(value, str) or "\x00" in value:
            raise ValueError(_("This answer could not be read."))
        value = value.strip()
        if len(value) > limit:
            raise ValueError(
                _("Please shorten your answer to %(limit)d characters.")
                % {"limit": limit}
            )
        return value
    if kind == Question.Kind.NUMBER:
        number = parse_number(value)
        if number is None:
            raise ValueError(_("Please enter a number, e.g. 12 or 3.5."))
        low, high = question.number_min, question.number_max
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValueError(
                _("Please enter a number from %(low)s to %(high)s.")
                % {
                    "low": number_text(low) if low is not None else "…",
                    "high": number_text(high) if high is not None else "…",
                }
            )
        return number_text(number)
    if kind == Question.Kind.SCALE:
        if value == DONT_KNOW and question.allows_dont_know:
            return DONT_KNOW
        number = value if isinstance(value, int) else parse_number(value)
        if isinstance(number, bool) or number is None or number != int(number):
            raise ValueError(_("Please choose one of the answers."))
        if int(number) not in question.scale_values():
            raise ValueError(_("Please choose one of the answers."))
        return int(number)
    options = [c.code for c in question.options()]
    if kind == Question.Kind.SINGLE:
        allowed = [*options, OTHER] if question.allows_other else options
        if not isinstance(value, str) or value not in allowed:
            raise ValueError(_("Please choose one of the answers."))
        return value
    if kind == Question.Kind.MULTIPLE:
        allowed = [*options, OTHER] if question.allows_other else options
        if (
            not isinstance(value, list)
            or not all(isinstance(v, str) and v in allowed for v in value)
            or len(set(value)) != len(value)
        ):
            raise ValueError(_("Please choose from the answers offered."))
        if question.min_choices and len(value) < question.min_choices:
            raise ValueError(
                _("Please choose at least %(count)d answers.")
                % {"count": question.min_choices}
            )
        if question.max_choices and len(value) > question.max_choices:
            raise ValueError(
                _("Please choose at most %(count)d answers.")
                % {"count": question.max_choices}
            )
        return [code for code in allowed if code in value]  # in the survey's order
    if kind == Question.Kind.MATRIX:
        items = [c.code for c in question.items()]
        if (
            not isinstance(value, dict)
            or not set(value) <= set(items)
            or not all(isinstance(v, str) and v in options for v in value.values())
        ):
            raise ValueError(_("Please choose one answer per line."))
        if question.is_required and set(value) != set(items):
            raise ValueError(_("Please choose one answer per line."))
        return {item: value[item] for item in items if item in value}
    if kind == Question.Kind.RANKING:
        if (
            not isinstance(value, list)
            or sorted(value) != sorted(options)
            or len(set(value)) != len(value)
        ):
            raise ValueError(
                _("Please give each answer its own place, 1 to %(count)d.")
                % {"count": len(options)}
            )
        return list(value)
    raise ValueError(_("This answer could not be read."))
