"""A survey's definition as JSON, to reuse a survey in the next process: its texts
in every language, its settings, its questions with their translations, answers
and conditions. Never responses, tallies, dates, access codes or ids.

    {"format": "mitplan.survey", "version": 1,
     "survey": {"slug": …, "title": {"de": …, "en": …}, …, "audience": …},
     "questions": [{"code": …, "page": …, "kind": …, "text": {"de": …}, …,
                    "condition": {…} | null,
                    "choices": [{"code": …, "role": "option", "label": {"de": …}}]}]}

Translated texts are objects of language code → text, holding only the languages
that have one (German is required where the field is). Importing creates a new
survey in a process staff choose, with the dates they give: a file is read in
full and checked — its size, JSON, NUL characters, every key and type, the
models' own rules, codes, and conditions (conditions.validate: only questions on
earlier pages) — before anything is written, and written in one transaction, so a
refused file leaves nothing behind. Refusals are sentences for staff, translated.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from mitplan.core.audit import acting_account
from mitplan.processes.rules import require

from . import conditions
from .answers import Definition, number_text
from .models import Choice, Question, Survey
from .translation import ChoiceTranslation, QuestionTranslation, SurveyTranslation

FORMAT = "mitplan.survey"
VERSION = 1
MAX_BYTES = 2 * 1024 * 1024
MAX_QUESTIONS = 500
MAX_CHOICES = 200
LOG_DEFINITION_EXPORTED = "mitplan.survey.definition_exported"
LOG_DEFINITION_IMPORTED = "mitplan.survey.definition_imported"

SURVEY_TEXTS = SurveyTranslation.fields
QUESTION_TEXTS = QuestionTranslation.fields
CHOICE_TEXTS = ChoiceTranslation.fields
# Settings and what type each holds (int includes None where the model allows it).
SURVEY_SETTINGS = {
    "audience": str,
    "min_respondents": int,
    "are_results_public": bool,
    "shows_sources_apart": bool,
    "breakdown_by_language": bool,
}
QUESTION_SETTINGS = {
    "code": str,
    "page": int,
    "kind": str,
    "is_required": bool,
    "allows_other": bool,
    "min_choices": (int, None),
    "max_choices": (int, None),
    "scale_min": int,
    "scale_max": int,
    "allows_dont_know": bool,
    "number_min": (str, None),
    "number_max": (str, None),
    "condition": (dict, None),
    "publishes_results": bool,
    "is_breakdown": bool,
}
CHOICE_SETTINGS = {"code": str, "role": str}
# Whole numbers beyond what the model's validators bound on every database (a
# SmallIntegerField takes 10**9 on SQLite, not on PostgreSQL).
RANGES = {
    "min_respondents": (0, 10_000),
    "min_choices": (0, MAX_CHOICES),
    "max_choices": (0, MAX_CHOICES),
    "scale_min": (-1000, 1000),
    "scale_max": (-1000, 1000),
}


class DefinitionRefused(ValidationError):
    """A definition file that cannot be imported; `messages` says why, for staff."""


# --- Export ----------------------------------------------------------------


def definition_export(survey: Survey) -> dict:
    """The survey's definition, ready for json.dumps."""
    questions = Definition.of(survey).questions
    return {
        "format": FORMAT,
        "version": VERSION,
        "survey": {
            "slug": survey.slug,
            **{name: _texts(survey, name) for name in SURVEY_TEXTS},
            **{name: getattr(survey, name) for name in SURVEY_SETTINGS},
        },
        "questions": [_question_export(q) for q in questions],
    }


def _question_export(question: Question) -> dict:
    data = {name: getattr(question, name) for name in QUESTION_SETTINGS}
    for name in ("number_min", "number_max"):
        if data[name] is not None:
            data[name] = number_text(data[name])
    data.update({name: _texts(question, name) for name in QUESTION_TEXTS})
    data["choices"] = [
        {
            "code": choice.code,
            "role": choice.role,
            **{name: _texts(choice, name) for name in CHOICE_TEXTS},
        }
        for choice in sorted(question.choices.all(), key=lambda c: (c.sort_order, c.pk))
    ]
    return data


def _texts(instance, name: str) -> dict:
    texts = {}
    for code in settings.MODELTRANSLATION_LANGUAGES:
        value = getattr(instance, f"{name}_{code}", "")
        if value:
            texts[code] = value
    return texts


def definition_dumps(survey: Survey, *, actor) -> bytes:
    """The definition as a UTF-8 JSON file, with the export in the audit log;
    `actor` must manage the process's surveys."""
    require("surveys.manage", actor, survey.process)
    data = json.dumps(definition_export(survey), ensure_ascii=False, indent=2)
    log(survey, LOG_DEFINITION_EXPORTED, user=acting_account(actor))
    return data.encode("utf-8")


# --- Import ----------------------------------------------------------------


def definition_read(raw: bytes) -> dict:
    """The JSON object in `raw`, or DefinitionRefused for a file that is too large,
    not UTF-8 JSON, or holds NUL characters."""
    if len(raw) > MAX_BYTES:
        raise DefinitionRefused(
            _("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // 2**20},
            code="size",
        )
    if b"\x00" in raw:
        raise DefinitionRefused(_("The file contains NUL characters."), code="nul")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise DefinitionRefused(
            _("The file could not be read as a survey definition (JSON in UTF-8)."),
            code="json",
        ) from error
    if _has_nul(data):
        raise DefinitionRefused(_("The file contains NUL characters."), code="nul")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DefinitionRefused(
            _("This file is not a survey definition exported from mitplan."),
            code="format",
        )
    if data.get("version") != VERSION:
        raise DefinitionRefused(
            _(
                "This survey definition has version %(version)s; "
                "this mitplan reads version %(supported)s."
            )
            % {"version": str(data.get("version"))[:20], "supported": VERSION},
            code="version",
        )
    return data


def _has_nul(value, depth: int = 0) -> bool:
    if depth > 50:
        return False  # deeper than any definition; the checks refuse it anyway
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v, depth + 1) for v in value)
    return False


def definition_import(
    *, raw: bytes, process, opens_at, closes_at, actor, slug: str = ""
) -> Survey:
    """A new survey in `process` from the definition file `raw`, open from
    `opens_at` to `closes_at`, without responses; its slug from the file (or
    `slug`), numbered if taken. DefinitionRefused, and nothing written, if the
    file does not fit."""
    require("surveys.manage", actor, process)
    data = definition_read(raw)
    problems: list[str] = []
    survey, questions = _build(data, process, opens_at, closes_at, slug, problems)
    if problems:
        raise DefinitionRefused(problems, code="invalid")
    with transaction.atomic():
        # The slug is chosen again inside the transaction, with the others locked
        # out by the unique constraint if two imports race.
        survey.slug = _free_slug(process, survey.slug)
        survey.save()
        for order, question in enumerate(questions):
            question.survey = survey
            question.sort_order = order
            for position, choice in enumerate(question._import_choices):
                choice.sort_order = position
            # A ClusterableModel: saving it saves the choices it holds (assigned
            # in memory by _check_questions).
            question.save()
        log(
            survey,
            LOG_DEFINITION_IMPORTED,
            user=acting_account(actor),
            data={"from": str(data["survey"].get("slug", ""))[:80]},
        )
    return survey


def _build(data, process, opens_at, closes_at, slug, problems):
    _keys(data, {"format", "version", "survey", "questions"}, _("The file"), problems)
    head = data.get("survey")
    if not isinstance(head, dict):
        problems.append(_("The file holds no survey."))
        return None, []
    where = _("Survey")
    _keys(head, {"slug", *SURVEY_TEXTS, *SURVEY_SETTINGS}, where, problems)
    fields = _settings(head, SURVEY_SETTINGS, where, problems)
    for name in SURVEY_TEXTS:
        fields.update(_translated(head, name, where, problems))
    _german(fields, "title", where, problems)
    wanted_slug = slug or head.get("slug")
    if not isinstance(wanted_slug, str):
        wanted_slug = ""
    wanted_slug = slugify(wanted_slug)[:70] or slugify(fields.get("title_de", ""))[:70]
    survey = Survey(
        process=process,
        slug=_free_slug(process, wanted_slug or "survey"),
        opens_at=opens_at,
        closes_at=closes_at,
        **fields,
    )
    _clean(
        survey,
        where,
        problems,
        exclude=["process", *SURVEY_TEXTS, *_refused(head, fields)],
    )

    items = data.get("questions")
    if not isinstance(items, list) or not items:
        problems.append(_("The file holds no questions."))
        return survey, []
    if len(items) > MAX_QUESTIONS:
        problems.append(
            _("A survey holds at most %(count)d questions.") % {"count": MAX_QUESTIONS}
        )
        return survey, []
    questions = []
    for number, item in enumerate(items, start=1):
        question = _question(item, number, problems)
        if question is not None:
            questions.append(question)
    _check_questions(questions, problems)
    return survey, questions


def _question(item, number: int, problems: list) -> Question | None:
    where = _("Question %(number)d") % {"number": number}
    if not isinstance(item, dict):
        problems.append(_("%(where)s: is not an object.") % {"where": where})
        return None
    if isinstance(item.get("code"), str):
        where = f"{where} ({item['code'][:40]})"
    _keys(item, {*QUESTION_SETTINGS, *QUESTION_TEXTS, "choices"}, where, problems)
    fields = _settings(item, QUESTION_SETTINGS, where, problems)
    if "kind" in fields and fields["kind"] not in Question.Kind.values:
        problems.append(
            _("%(where)s: unknown kind “%(kind)s” (known: %(known)s).")
            % {
                "where": where,
                "kind": fields["kind"][:40],
                "known": ", ".join(Question.Kind.values),
            }
        )
        fields.pop("kind", None)
    for name in ("number_min", "number_max"):
        if fields.get(name) is not None:
            try:
                fields[name] = Decimal(fields[name])
                if not fields[name].is_finite():
                    raise InvalidOperation
            except InvalidOperation:
                problems.append(
                    _("%(where)s: %(field)s is not a number.")
                    % {"where": where, "field": name}
                )
                fields.pop(name)
    for name in QUESTION_TEXTS:
        fields.update(_translated(item, name, where, problems))
    _german(fields, "text", where, problems)
    question = Question(**fields)
    exclude = ["survey", "sort_order", *QUESTION_TEXTS, *_refused(item, fields)]
    _clean(question, where, problems, exclude=exclude)

    raw_choices = item.get("choices", [])
    choices = []
    if not isinstance(raw_choices, list):
        problems.append(_("%(where)s: choices must be a list.") % {"where": where})
    elif len(raw_choices) > MAX_CHOICES:
        problems.append(
            _("%(where)s: at most %(count)d answers and lines.")
            % {"where": where, "count": MAX_CHOICES}
        )
    else:
        for position, raw in enumerate(raw_choices, start=1):
            choice = _choice(raw, f"{where}, {_('answer')} {position}", problems)
            if choice is not None:
                choices.append(choice)
    question._import_choices = choices
    return question


def _choice(raw, where: str, problems: list) -> Choice | None:
    if not isinstance(raw, dict):
        problems.append(_("%(where)s: is not an object.") % {"where": where})
        return None
    _keys(raw, {*CHOICE_SETTINGS, *CHOICE_TEXTS}, where, problems)
    fields = _settings(raw, CHOICE_SETTINGS, where, problems)
    for name in CHOICE_TEXTS:
        fields.update(_translated(raw, name, where, problems))
    _german(fields, "label", where, problems)
    choice = Choice(**fields)
    exclude = ["question", "sort_order", *CHOICE_TEXTS, *_refused(raw, fields)]
    _clean(choice, where, problems, exclude=exclude)
    return choice


def _check_questions(questions: list, problems: list) -> None:
    """What spans several fields or questions: codes, answers per kind, ranges,
    conditions."""
    seen = set()
    for question in questions:
        where = _("Question %(code)s") % {"code": question.code}
        if question.code in seen:
            problems.append(
                _("The code %(code)s names two questions.") % {"code": question.code}
            )
        seen.add(question.code)
        if "__" in question.code:
            # Form fields are q_<code> and q_<code>__<part> (forms.field_name):
            # contact__work would be the field of the line work of a matrix contact.
            problems.append(
                _("%(where)s: a code must not contain two underscores in a row (__).")
                % {"where": where}
            )
        choices = question._import_choices
        options = [c for c in choices if c.role == Choice.Role.OPTION]
        items = [c for c in choices if c.role == Choice.Role.ITEM]
        for role in (options, items):
            codes = [c.code for c in role]
            if len(set(codes)) != len(codes):
                problems.append(
                    _("%(where)s: two answers have the same code.") % {"where": where}
                )
        if question.kind in Question.CHOICE_KINDS and not options:
            problems.append(_("%(where)s: offers no answers.") % {"where": where})
        if question.kind not in Question.CHOICE_KINDS and choices:
            problems.append(
                _("%(where)s: this kind of question has no answers to choose.")
                % {"where": where}
            )
        if question.kind == Question.Kind.MATRIX and not items:
            problems.append(_("%(where)s: a matrix needs lines.") % {"where": where})
        if question.kind != Question.Kind.MATRIX and items:
            problems.append(_("%(where)s: only a matrix has lines.") % {"where": where})
        if question.scale_min >= question.scale_max:
            problems.append(
                _("%(where)s: the scale must run from a lower to a higher number.")
                % {"where": where}
            )
        if _reversed(question.number_min, question.number_max):
            problems.append(
                _("%(where)s: the smallest number is larger than the largest.")
                % {"where": where}
            )
        if _reversed(question.min_choices, question.max_choices):
            problems.append(
                _("%(where)s: more choices are required than allowed.")
                % {"where": where}
            )
        if options:
            offered = len(options) + (1 if question.allows_other else 0)
            for name in ("min_choices", "max_choices"):
                value = getattr(question, name)
                if value is not None and value > offered:
                    problems.append(
                        _(
                            "%(where)s: %(field)s is %(value)d, but it offers only "
                            "%(count)d answers."
                        )
                        % {
                            "where": where,
                            "field": name,
                            "value": value,
                            "count": offered,
                        }
                    )
        # In memory, so that conditions.validate can read the earlier answers.
        question.choices = choices
    for question in questions:
        earlier = {q.code: q for q in questions if q.page < question.page}
        try:
            conditions.validate(question.condition, earlier=earlier)
        except ValidationError as error:
            problems.extend(
                _("Question %(code)s, condition: %(message)s")
                % {"code": question.code, "message": message}
                for message in error.messages
            )


def _reversed(low, high) -> bool:
    """Both bounds given, and the lower one above the higher one."""
    return low is not None and high is not None and low > high


def _keys(data: dict, known: set, where: str, problems: list) -> None:
    unknown = sorted(str(k)[:40] for k in set(data) - known)
    if unknown:
        problems.append(
            _("%(where)s: unknown entries %(keys)s.")
            % {"where": where, "keys": ", ".join(unknown)}
        )


def _settings(data: dict, expected: dict, where: str, problems: list) -> dict:
    """The entries of `data` named in `expected` whose type fits; a problem for
    each one that does not."""
    fields = {}
    for name, types in expected.items():
        if name not in data:
            continue
        value = data[name]
        allowed = types if isinstance(types, tuple) else (types,)
        low, high = RANGES.get(name, (None, None))
        if _is(value, int) and low is not None and not low <= value <= high:
            problems.append(
                _("%(where)s: %(field)s must be from %(low)d to %(high)d.")
                % {"where": where, "field": name, "low": low, "high": high}
            )
        elif any(_is(value, t) for t in allowed):
            fields[name] = value
        else:
            problems.append(
                _("%(where)s: %(field)s has the wrong type.")
                % {"where": where, "field": name}
            )
    return fields


def _refused(data: dict, fields: dict) -> list[str]:
    """Settings given but refused already: the models need not say it again."""
    return [name for name in data if name not in fields and isinstance(name, str)]


def _is(value, expected) -> bool:
    if expected is None:
        return value is None
    if expected is int:  # True is an int to Python, not to a definition
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


def _translated(data: dict, name: str, where: str, problems: list) -> dict:
    """{name_de: …, name_en: …} from {"de": …, "en": …}."""
    if name not in data:
        return {}
    texts = data[name]
    if not isinstance(texts, dict) or not all(
        isinstance(v, str) for v in texts.values()
    ):
        problems.append(
            _("%(where)s: %(field)s must map language codes to texts.")
            % {"where": where, "field": name}
        )
        return {}
    unknown = sorted(set(texts) - set(settings.MODELTRANSLATION_LANGUAGES))
    if unknown:
        problems.append(
            _("%(where)s: %(field)s has unknown languages %(codes)s.")
            % {"where": where, "field": name, "codes": ", ".join(unknown)[:100]}
        )
        return {}
    return {f"{name}_{code}": text for code, text in texts.items()}


def _german(fields: dict, name: str, where: str, problems: list) -> None:
    """German is the source language: the fields that must be filled need it."""
    if not fields.get(f"{name}_{settings.LANGUAGE_CODE}", "").strip():
        problems.append(
            _("%(where)s: %(field)s has no German text.")
            % {"where": where, "field": name}
        )


def _clean(instance, where: str, problems: list, *, exclude: list) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            label = where if field == "__all__" else f"{where}, {field}"
            problems.extend(f"{label}: {message}" for message in messages)


def _free_slug(process, slug: str) -> str:
    """`slug`, or with a number if the process has a survey of that slug."""
    taken = set(
        Survey.objects.filter(process=process, slug__startswith=slug).values_list(
            "slug", flat=True
        )
    )
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate
