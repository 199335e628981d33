"""The counts the results are read from, added to with each response.

`add(response, definition)` turns a response into tally keys and adds them in one
statement (an upsert: INSERT … ON CONFLICT DO UPDATE SET count = count + n, on
SQLite and PostgreSQL alike), in the transaction that stores the response, so the
results never count responses and never drift from them. Keys are sorted, so two
transactions lock rows in the same order and cannot deadlock each other.
`recount(survey)` computes the same keys from the stored responses."""

from collections import Counter
from collections.abc import Iterable

from django.db import connection

from .answers import DONT_KNOW, OTHER
from .models import Question, Response, Tally

RESPONSES = "@responses"
ANSWERED = "@answered"
LANGUAGE = "@language"
SOURCES = tuple(Response.Source.values)
_CHUNK = 400  # rows per statement: well below SQLite's bound on parameters


def value_keys(question, value) -> list[str]:
    """The tally keys one answer adds to, besides ANSWERED."""
    kind = question.kind
    if kind == Question.Kind.SINGLE:
        return [value]
    if kind == Question.Kind.MULTIPLE:
        return list(value)
    if kind == Question.Kind.SCALE:
        return [DONT_KNOW if value == DONT_KNOW else str(value)]
    if kind == Question.Kind.MATRIX:
        return [f"{item}:{option}" for item, option in value.items()]
    if kind == Question.Kind.RANKING:
        return [f"{code}@{place}" for place, code in enumerate(value, start=1)]
    if kind == Question.Kind.NUMBER:
        return [str(value)]
    return []  # texts are read by staff, never counted by content


def group_keys(definition, answers: dict, language: str) -> list[tuple[str, str]]:
    """The breakdown groups a response belongs to: ("", "") for all, the answer
    language, and its answer to each breakdown question it answered."""
    groups = [("", "")]
    if definition.survey.breakdown_by_language:
        groups.append((LANGUAGE, language))
    for question in definition.questions:
        value = answers.get(question.code)
        if question.is_breakdown and isinstance(value, (str, int)) and value != OTHER:
            groups.append((question.code, str(value)))
    return groups


def response_keys(definition, answers: dict, language: str) -> Counter:
    """(question, key, group_by, group_key) → how much a response adds."""
    keys = Counter()
    groups = group_keys(definition, answers, language)
    for group_by, group_key in groups:
        keys[("", RESPONSES, group_by, group_key)] += 1
        for question in definition.questions:
            if question.code not in answers or question.code == group_by:
                continue
            value = answers[question.code]
            keys[(question.code, ANSWERED, group_by, group_key)] += 1
            for key in value_keys(question, value):
                keys[(question.code, key, group_by, group_key)] += 1
    return keys


def add(survey_id: int, source: str, keys: Counter, *, sign: int = 1) -> None:
    """Add (or with sign=-1 take away) the keys in one statement per chunk."""
    rows = sorted(
        (survey_id, question, key, source, group_by, group_key, sign * count)
        for (question, key, group_by, group_key), count in keys.items()
    )
    table = connection.ops.quote_name(Tally._meta.db_table)
    columns = ["survey_id", "question", "key", "source", "group_by", "group_key"]
    quoted = ", ".join(connection.ops.quote_name(c) for c in [*columns, "count"])
    conflict = ", ".join(connection.ops.quote_name(c) for c in columns)
    count = connection.ops.quote_name("count")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
            # Only quoted names of our own are formatted in; values are parameters.
            sql = (
                f"INSERT INTO {table} ({quoted}) VALUES {values} "  # noqa: S608
                f"ON CONFLICT ({conflict}) DO UPDATE SET "
                f"{count} = {table}.{count} + excluded.{count}"
            )
            cursor.execute(sql, [field for row in chunk for field in row])


def computed(definition, responses: Iterable) -> dict:
    """(question, key, source, group_by, group_key) → count, from responses
    (rows of (answers, language, source)), as the tallies should hold them."""
    totals = Counter()
    for answers, language, source in responses:
        for (question, key, group_by, group_key), n in response_keys(
            definition, answers, language
        ).items():
            totals[(question, key, source, group_by, group_key)] += n
    return totals


def stored(survey_id: int) -> dict:
    return {
        (q, k, s, gb, gk): n
        for q, k, s, gb, gk, n in Tally.objects.filter(survey_id=survey_id)
        .values_list("question", "key", "source", "group_by", "group_key", "count")
        .iterator(chunk_size=5000)
        if n
    }
