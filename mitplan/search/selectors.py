"""Reads: the results of a search, in the reader's language first.

Candidates are the entries in the reader's language, plus the German originals of
what has no version in that language (marked as such). PostgreSQL matches each
entry with the dictionary it was indexed with (websearch_to_tsquery: quotes, OR and
-word work, and it never fails on odd input), ranks with ts_rank (title weighs more)
and marks the words found with ts_headline. Elsewhere (SQLite) words are matched in
the folded copies (every word must occur, case and accents ignored), ranked by title
hits, and marked in Python. Either way: the text is escaped first, then marked."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField, Case, FloatField, IntegerField, Q, When
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import postgres
from .models import SearchEntry
from .registry import kind_label
from .text import clean, fold

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
PER_PAGE = 10
MAX_PAGE = 100
SNIPPET_CHARS = 240
_START, _STOP = "\x02", "\x03"  # never in indexed text (text.clean drops them)
_HEADLINE_OPTIONS = (
    f"StartSel={_START}, StopSel={_STOP}, MaxWords=35, MinWords=15, "
    'ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "'
)
_TITLE_OPTIONS = f"StartSel={_START}, StopSel={_STOP}, HighlightAll=true"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Result:
    kind: str
    kind_label: str
    title: SafeString
    snippet: SafeString
    url: str
    language: str
    is_original: bool  # the German original, shown where no translation exists
    process_title: str
    published_at: datetime | None


def _candidates(language: str):
    source = settings.LANGUAGE_CODE
    if language == source:
        return SearchEntry.objects.filter(language=source)
    translated = SearchEntry.objects.filter(language=language).values("group_key")
    return SearchEntry.objects.filter(
        Q(language=language) | (Q(language=source) & ~Q(group_key__in=translated))
    )


def _postgres(entries, query: str, language: str):
    source = settings.LANGUAGE_CODE
    table = SearchEntry._meta.db_table
    languages = dict.fromkeys([language, source])
    # Every word found stemmed by the language's dictionary, or every word found
    # case- and accent-folded (the 'simple' part of the vector).
    match = " OR ".join(
        f"({table}.language = %s AND {table}.search_vector @@ "
        f"(websearch_to_tsquery(%s::regconfig, %s) || "
        f"websearch_to_tsquery('simple', %s)))"
        for _language in languages
    )
    params = []
    folded = fold(query)
    for code in languages:
        params += [code, postgres.query_config_for(code), query, folded]
    tsquery = f"websearch_to_tsquery({table}.config::regconfig, %s)"
    return (
        entries.filter(
            RawSQL(  # noqa: S611 - our constants; the query is a parameter
                f"({match})", params, output_field=BooleanField()
            )
        )
        .annotate(
            rank=RawSQL(  # noqa: S611
                f"ts_rank({table}.search_vector, {tsquery})",
                [query],
                output_field=FloatField(),
            ),
            title_marked=RawSQL(  # noqa: S611
                f"ts_headline({table}.config::regconfig, {table}.title, {tsquery}, %s)",
                [query, _TITLE_OPTIONS],
            ),
            body_marked=RawSQL(  # noqa: S611
                f"ts_headline({table}.config::regconfig, {table}.body, {tsquery}, %s)",
                [query, _HEADLINE_OPTIONS],
            ),
        )
        .order_by("-rank", "-published_at", "-pk")
    )


def _terms(query: str) -> list[str]:
    return list(dict.fromkeys(_WORD.findall(fold(query))))[:MAX_TERMS]


def _fallback(entries, terms: list[str]):
    for term in terms:
        entries = entries.filter(
            Q(folded_title__contains=term) | Q(folded_body__contains=term)
        )
    title_hits = sum(
        (
            Case(
                When(folded_title__contains=term, then=1),
                default=0,
                output_field=IntegerField(),
            )
            for term in terms
        ),
        start=0,
    )
    # The title that is just the words sought first ("Bildung", the field).
    exact = Case(
        When(folded_title=" ".join(terms), then=len(terms) + 1),
        default=0,
        output_field=IntegerField(),
    )
    return entries.annotate(title_hits=title_hits + exact).order_by(
        "-title_hits", "-published_at", "-pk"
    )


def _spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the terms occur in `text`, matched case- and accent-insensitively."""
    folded, where = [], []
    for position, char in enumerate(text):
        folded_char = fold(char)
        folded.append(folded_char)
        where.extend([position] * len(folded_char))
    haystack = "".join(folded)
    spans = []
    for term in terms:
        start = haystack.find(term)
        while start != -1:
            spans.append((where[start], where[start + len(term) - 1] + 1))
            start = haystack.find(term, start + len(term))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans) -> SafeString:
    parts, last = [], 0
    for start, end in spans:
        parts += [
            escape(text[last:start]),
            "<mark>",
            escape(text[start:end]),
            "</mark>",
        ]
        last = end
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped above


def highlight(text: str, terms: list[str]) -> SafeString:
    return _marked(text, _spans(text, terms))


def snippet(text: str, terms: list[str]) -> SafeString:
    """A piece of `text` around the first word found, its words marked."""
    spans = _spans(text, terms)
    start = 0
    if spans and spans[0][0] > SNIPPET_CHARS // 3:
        start = text.rfind(" ", 0, spans[0][0] - SNIPPET_CHARS // 3) + 1
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    piece = text[start:end]
    spans = [
        (max(s, start) - start, min(e, end) - start)
        for s, e in spans
        if s < end and e > start
    ]
    marked = _marked(piece, spans)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(escape(prefix) + marked + escape(suffix))  # noqa: S308


def _from_headline(headline: str) -> SafeString:
    return mark_safe(  # noqa: S308 - escaped before the marks go in
        escape(headline or "").replace(_START, "<mark>").replace(_STOP, "</mark>")
    )


def query_clean(query: str) -> str:
    return clean(query, MAX_QUERY_LENGTH)


def search_results(*, query: str, language: str, page_number=1):
    """One page (django.core.paginator.Page) of Results; two queries."""
    query = query_clean(query)
    entries = _candidates(language).select_related("process")
    use_postgres = postgres.is_postgres(connection)
    terms = _terms(query)
    if use_postgres:
        entries = _postgres(entries, query, language)
    elif terms:
        entries = _fallback(entries, terms)
    else:
        entries = entries.none()
    page = Paginator(entries, PER_PAGE).get_page(min(page_number, MAX_PAGE))
    entries = list(page.object_list)
    aliased = _aliased_pages(entries, language)
    page.object_list = [
        _result(entry, terms, language, use_postgres, aliased) for entry in entries
    ]
    return page


def _aliased_pages(entries, language: str) -> set[str]:
    """The object keys of German pages among `entries` that show in the reader's
    language untranslated (an alias there), so the result can link that; one
    query, only when there are such results."""
    from wagtail.models import Page

    pks = [
        int(entry.object_key.partition(":")[2])
        for entry in entries
        if entry.language != language and entry.object_key.startswith("page:")
    ]
    if not pks:
        return set()
    return {
        f"page:{pk}"
        for pk in Page.objects.live()
        .filter(alias_of_id__in=pks, locale__language_code=language)
        .values_list("alias_of_id", flat=True)
    }


def _result(entry, terms, language, use_postgres, aliased) -> Result:
    if use_postgres and _START in entry.title_marked + entry.body_marked:
        title = _from_headline(entry.title_marked)
        body = _from_headline(entry.body_marked)
    else:  # found by the folded words: marked here
        title = highlight(entry.title, terms)
        body = snippet(entry.body, terms)
    is_original = entry.language != language
    url = entry.url
    prefix = f"/{entry.language}/"
    is_page = entry.object_key.startswith("page:")
    if (
        is_original
        and url.startswith(prefix)
        and (entry.object_key in aliased or not is_page)
    ):
        # The German original inside the reader's language, with the reader's
        # menus: an untranslated page shows there as an alias at the same address,
        # and so do the routes below a process portal (contributions, fields).
        url = f"/{language}/{url[len(prefix) :]}"
    return Result(
        kind=entry.kind,
        kind_label=str(kind_label(entry.kind)),
        title=title,
        snippet=body,
        url=url,
        language=entry.language,
        is_original=is_original,
        process_title=entry.process.title if entry.process else "",
        published_at=entry.published_at,
    )
