"""Show-if conditions: a question is shown only if its condition holds on the
answers given before it.

A condition is JSON, so that it travels with the survey's definition (export,
import, LimeSurvey) and is checked the same way in the browser-less form, the
service and the tests:

    {"question": "q1", "in": ["a", "b"]}          q1's answer is a or b (for a
                                                  multiple choice: any of them chosen)
    {"question": "age", "op": ">=", "value": 18}  a number or scale comparison
    {"question": "q1", "answered": true}          q1 was answered (false: was not)
    {"all": [...]} / {"any": [...]} / {"not": {...}}

A condition names only questions on earlier pages: a page is complete when it is
shown, which is what lets a form without JavaScript follow the conditions."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

OPERATORS = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    "=": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    ">=": lambda a, b: a >= b,
    ">": lambda a, b: a > b,
}
MAX_DEPTH = 6


def holds(condition, answers: dict) -> bool:
    """Whether `condition` holds on `answers` (question code → normalised value);
    an empty condition always holds."""
    if not condition:
        return True
    if "all" in condition:
        return all(holds(c, answers) for c in condition["all"])
    if "any" in condition:
        return any(holds(c, answers) for c in condition["any"])
    if "not" in condition:
        return not holds(condition["not"], answers)
    value = answers.get(condition["question"])
    if "answered" in condition:
        return (value not in (None, "", [], {})) == bool(condition["answered"])
    if "in" in condition:
        wanted = {str(code) for code in condition["in"]}
        if isinstance(value, list):
            return bool(wanted & {str(v) for v in value})
        return value is not None and str(value) in wanted
    number, limit = _number(value), _number(condition.get("value"))
    if number is None or limit is None:
        return False
    return OPERATORS[condition["op"]](number, limit)


def _number(value) -> Decimal | None:
    """A finite number, or None (NaN and infinities compare with nothing)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def named_questions(condition) -> set[str]:
    if not condition:
        return set()
    for joined in ("all", "any"):
        if joined in condition:
            return set().union(*(named_questions(c) for c in condition[joined]))
    if "not" in condition:
        return named_questions(condition["not"])
    return {condition["question"]}


def validate(condition, *, earlier: dict, depth: int = 0) -> None:
    """Raise ValidationError unless `condition` is well formed and names only
    questions in `earlier` (code → Question on an earlier page)."""
    if condition in (None, {}):
        return
    if depth > MAX_DEPTH or not isinstance(condition, dict):
        raise ValidationError(_("This condition cannot be read."), code="malformed")
    for joined in ("all", "any"):
        if joined in condition:
            parts = condition[joined]
            if set(condition) != {joined} or not isinstance(parts, list) or not parts:
                raise ValidationError(
                    _("This condition cannot be read."), code="malformed"
                )
            for part in parts:
                validate(part, earlier=earlier, depth=depth + 1)
            return
    if "not" in condition:
        if set(condition) != {"not"}:
            raise ValidationError(_("This condition cannot be read."), code="malformed")
        validate(condition["not"], earlier=earlier, depth=depth + 1)
        return
    code = condition.get("question")
    question = earlier.get(code) if isinstance(code, str) else None
    if question is None:
        raise ValidationError(
            _(
                "A condition may only name a question on an earlier page "
                "(%(code)s is not one)."
            ),
            code="not_earlier",
            params={"code": code},
        )
    rest = set(condition) - {"question"}
    if rest == {"answered"} and isinstance(condition["answered"], bool):
        return
    if rest == {"in"} and isinstance(condition["in"], list) and condition["in"]:
        known = {str(v) for v in _comparable_values(question)}
        unknown = {str(v) for v in condition["in"]} - known
        if known and unknown:
            raise ValidationError(
                _(
                    "The condition names answers that %(code)s does not offer: %(values)s."
                ),
                code="unknown_choice",
                params={"code": code, "values": ", ".join(sorted(unknown))},
            )
        return
    if (
        rest == {"op", "value"}
        and condition["op"] in OPERATORS
        and _number(condition["value"]) is not None
        and question.kind in ("number", "scale")
    ):
        return
    raise ValidationError(_("This condition cannot be read."), code="malformed")


def _comparable_values(question) -> list:
    if question.kind == "scale":
        values = list(question.scale_values())
        return [*values, "@dont_know"] if question.allows_dont_know else values
    if question.kind in ("single", "multiple"):
        codes = [c.code for c in question.options()]
        return [*codes, "@other"] if question.allows_other else codes
    return []
