"""Reads for the contribution pages. The list's query count is the same on the first
and the last page and for 100 or 10,000 contributions."""

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max, Prefetch, Q
from django.db.models.functions import Substr
from django.http import Http404

from .models import Contribution, HistoryEntry, Statement

PAGE_SIZE = 20
EXCERPT_LENGTH = 220
SORTS = {
    "newest": ("-published_at", "-pk"),
    "supported": ("-support_count", "-published_at", "-pk"),
    "discussed": ("-comment_count", "-published_at", "-pk"),
}


@dataclass(frozen=True)
class ListFilters:
    field: str = ""
    kind: str = ""
    state: str = ""  # a processing state or a statement outcome
    language: str = ""
    tag: str = ""
    q: str = ""
    sort: str = "newest"

    MENUS = ("field", "kind", "state", "language", "tag")

    @property
    def narrows(self) -> bool:
        """A filter or a search is in use (an empty result is then the filter's)."""
        return bool(self.q) or any(getattr(self, name) for name in self.MENUS)

    @property
    def uses_menus(self) -> bool:
        """A menu filter or another sort than the default is chosen."""
        return self.sort != "newest" or any(getattr(self, name) for name in self.MENUS)


def contribution_list(process, filters: ListFilters, page_number):
    """One page of the list (see `MatchingContributions`)."""
    matches = MatchingContributions(filters, process=process)
    page = Paginator(matches, PAGE_SIZE).get_page(
        page_number if str(page_number or "").isdigit() else 1
    )
    return page


class MatchingContributions:
    """The published contributions a filter matches, for a paginator (the list page,
    the API). It pages through ids only, which the sort indexes cover, and then
    loads just that page's rows: the last page costs what the first does. Counting
    every match is the costly query (a scan for a search or a rare filter); the
    count is kept until a contribution, its statement or its tags change."""

    def __init__(self, filters: ListFilters, *, process=None, for_api=False):
        self.filters = filters
        self.ids = contribution_queryset(filters).values_list("pk", flat=True)
        if process is not None:
            self.ids = self.ids.filter(process=process)
        self.process_id = process.pk if process is not None else None
        self.for_api = for_api

    def count(self) -> int:
        return cache.get_or_set(
            _count_key(self.process_id, self.filters),
            self.ids.count,
            COUNT_CACHE_SECONDS,
        )

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Contribution]:
        page_ids = list(self.ids[index])
        rows = Contribution.objects.filter(pk__in=page_ids).prefetch_related("tags")
        if self.for_api:
            rows = rows.select_related(
                "process", "field_of_action", "statement__expert_group"
            )
        else:
            rows = (
                rows.select_related("field_of_action", "statement")
                # The card shows the start of the text; the rest stays in the database.
                .defer("text")
                .annotate(excerpt=Substr("text", 1, EXCERPT_LENGTH + 1))
            )
        by_id = rows.in_bulk()
        return [by_id[pk] for pk in page_ids if pk in by_id]


COUNT_CACHE_SECONDS = 600
_ALL_PROCESSES = "all"


def list_version(process_id) -> int:
    return cache.get_or_set(f"contributions:list:{process_id}", time.time_ns, None)


def list_changed(process_id: int) -> None:
    """Called when a contribution, its statement or its tags change: counts of the
    list, kept per filter, start afresh (for its process and across processes)."""
    now = time.time_ns()
    cache.set_many(
        {
            f"contributions:list:{process_id}": now,
            f"contributions:list:{_ALL_PROCESSES}": now,
        },
        None,
    )
    cache.delete(f"contributions:languages:{process_id}")


def _count_key(process_id, filters: ListFilters) -> str:
    process_id = process_id or _ALL_PROCESSES
    digest = hashlib.blake2b(
        repr(sorted(vars(filters).items())).encode(), digest_size=12
    ).hexdigest()
    return f"contributions:count:{process_id}:{list_version(process_id)}:{digest}"


def contribution_queryset(filters: ListFilters):
    """Published contributions, filtered, searched and sorted like the list page."""
    # NUL cannot be stored or compared in PostgreSQL text; it never matches anyway.
    filters = ListFilters(
        **{name: value.replace("\x00", "") for name, value in vars(filters).items()}
    )
    queryset = Contribution.objects.published()
    if filters.field:
        queryset = queryset.filter(field_of_action__slug=filters.field)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.state in Contribution.Processing.values:
        queryset = queryset.filter(processing_state=filters.state)
    elif filters.state in Statement.Outcome.values:
        queryset = queryset.filter(
            statement__outcome=filters.state, statement__published_at__isnull=False
        )
    if filters.language:
        queryset = queryset.filter(language=filters.language)
    if filters.tag:
        queryset = queryset.filter(tags__slug=filters.tag)
    if filters.q:
        for word in filters.q.split()[:8]:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(text__icontains=word)
            )
    return queryset.order_by(*SORTS.get(filters.sort, SORTS["newest"]))


def contribution_detail(process, pk: int) -> Contribution:
    contribution = (
        Contribution.objects.filter(process=process, pk=pk)
        .select_related(
            "field_of_action", "expert_group", "merged_into", "statement__expert_group"
        )
        .prefetch_related(
            "tags",
            Prefetch(
                "history", queryset=HistoryEntry.objects.select_related("expert_group")
            ),
        )
        .first()
    )
    if contribution is None:
        raise Http404
    return contribution


def contributions_of_author(user) -> list[Contribution]:
    """Everything a signed-in resident sent, in every state, newest first."""
    return list(
        Contribution.objects.filter(author=user)
        .select_related("process", "field_of_action", "merged_into", "statement")
        .order_by("-created_at", "-pk")
    )


STATE_CHOICES = [
    (Contribution.Processing.RECEIVED, Contribution.Processing.RECEIVED.label),
    (
        Contribution.Processing.WITH_EXPERT_GROUP,
        Contribution.Processing.WITH_EXPERT_GROUP.label,
    ),
    *Statement.Outcome.choices,
]


def languages_in_use(process) -> list[str]:
    """The languages contributions are written in, for the filter (a DISTINCT over all
    of them, so kept in the cache for a few minutes)."""

    def read():
        return sorted(
            Contribution.objects.published()
            .filter(process=process)
            .order_by()
            .values_list("language", flat=True)
            .distinct()
        )

    return cache.get_or_set(f"contributions:languages:{process.pk}", read, 300)


def public_history(contribution: Contribution) -> list:
    """The steps residents see; who did them stays internal."""
    hidden = {HistoryEntry.Step.REJECTED}
    return [entry for entry in contribution.history.all() if entry.step not in hidden]


# Similarity indexes per process, kept in this process's memory and rebuilt when the
# published set changes (a city's process has hundreds to a few thousand items).
_similarity_indexes: dict[int, tuple[tuple, object]] = {}


def similar_contributions(process, *, language: str, text: str, k: int = 5) -> list:
    from .similarity import SimilarityIndex

    published = Contribution.objects.published().filter(process=process)
    version = tuple(
        published.aggregate(
            n=Count("pk"), last=Max("pk"), edited=Max("published_at")
        ).values()
    )
    cached = _similarity_indexes.get(process.pk)
    if cached is None or cached[0] != version:
        index = SimilarityIndex.build(
            (pk, language_code, f"{title}\n{body}")
            for pk, language_code, title, body in published.values_list(
                "pk", "language", "title", "text"
            ).iterator()
        )
        _similarity_indexes[process.pk] = (version, index)
    else:
        index = cached[1]
    hits = index.query(language, text, k=k)
    if not hits:
        return []
    by_pk = published.select_related("field_of_action").in_bulk(
        [pk for pk, _score in hits]
    )
    return [by_pk[pk] for pk, _score in hits if pk in by_pk]


@dataclass(frozen=True)
class Responsiveness:
    field: object
    received: int
    answered: int
    median_days: float | None

    @property
    def answered_percent(self) -> int:
        return round(100 * self.answered / self.received) if self.received else 0


def responsiveness_by_field(process) -> list[Responsiveness]:
    """Per field of action: published inputs, the share with a published statement and
    the median days from receipt to statement, so residents see who answers."""
    from statistics import median

    fields = list(process.fields_of_action.order_by("sort_order", "pk"))
    received = dict(
        Contribution.objects.published()
        .filter(process=process)
        .values_list("field_of_action")
        .annotate(n=Count("pk"))
        .order_by()
    )
    durations: dict[int, list[float]] = {}
    for field_id, created_at, published_at in (
        Statement.objects.filter(
            contribution__process=process,
            contribution__moderation_state=Contribution.Moderation.PUBLISHED,
            published_at__isnull=False,
        )
        .values_list(
            "contribution__field_of_action", "contribution__created_at", "published_at"
        )
        .iterator()
    ):
        durations.setdefault(field_id, []).append(
            (published_at - created_at).total_seconds() / 86400
        )
    return [
        Responsiveness(
            field=field,
            received=received.get(field.pk, 0),
            answered=len(durations.get(field.pk, [])),
            median_days=round(median(durations[field.pk]), 1)
            if durations.get(field.pk)
            else None,
        )
        for field in fields
    ]


def contribution_statistics(process) -> dict:
    """Counts for the staff statistics: by field, kind, language, moderation and
    processing state, statement outcome and week received. One query each."""
    from django.db.models.functions import TruncWeek

    queryset = Contribution.objects.filter(process=process).order_by()

    def count_by(field, choices=None):
        rows = queryset.values_list(field).annotate(n=Count("pk")).order_by("-n")
        labels = dict(choices or [])
        return [(labels.get(value, value) or "–", n) for value, n in rows]

    fields = {f.pk: f.name for f in process.fields_of_action.all()}
    by_week = (
        queryset.annotate(week=TruncWeek("created_at"))
        .values_list("week")
        .annotate(n=Count("pk"))
        .order_by("week")
    )
    outcomes = (
        Statement.objects.filter(
            contribution__process=process, published_at__isnull=False
        )
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    return {
        "total": queryset.count(),
        "field": [(fields.get(pk, pk), n) for pk, n in count_by("field_of_action")],
        "kind": count_by("kind", Contribution.Kind.choices),
        "language": count_by("language"),
        "moderation": count_by("moderation_state", Contribution.Moderation.choices),
        "processing": count_by("processing_state", Contribution.Processing.choices),
        "outcome": [
            (dict(Statement.Outcome.choices)[value], n) for value, n in outcomes
        ],
        "week": [(week.date() if week else "–", n) for week, n in by_week],
    }


def contributions_for_export(process, *, with_personal_data: bool):
    """Rows for CSV/XLSX. Personal data (pseudonyms) only for those allowed to see it;
    e-mail addresses never."""
    header = [
        "id",
        "field_of_action",
        "kind",
        "title",
        "text",
        "language",
        "tags",
        "source",
        "source_note",
        "moderation_state",
        "moderation_reason",
        "processing_state",
        "expert_group",
        "outcome",
        "statement",
        "supports",
        "comments",
        "received_at",
        "published_at",
    ]
    if with_personal_data:
        header.append("pseudonym")
    queryset = (
        Contribution.objects.filter(process=process)
        .select_related("field_of_action", "expert_group", "statement")
        .prefetch_related("tags")
        .order_by("pk")
    )

    def rows():
        for contribution in queryset.iterator(chunk_size=500):
            statement = getattr(contribution, "statement", None)
            row = [
                contribution.pk,
                contribution.field_of_action.slug,
                contribution.kind,
                contribution.title,
                contribution.text,
                contribution.language,
                ", ".join(tag.slug for tag in contribution.tags.all()),
                contribution.source,
                contribution.source_note,
                contribution.moderation_state,
                contribution.moderation_reason,
                contribution.processing_state,
                contribution.expert_group.name if contribution.expert_group else "",
                statement.outcome if statement else "",
                statement.text if statement else "",
                contribution.support_count,
                contribution.comment_count,
                contribution.created_at,
                contribution.published_at,
            ]
            if with_personal_data:
                row.append(contribution.pseudonym)
            yield row

    return header, rows()


def process_tags(process) -> list:
    """The process's tags for the filter, cached until a tag changes."""
    return cache.get_or_set(
        f"contributions:tags:{process.pk}", lambda: list(process.tags.all()), 3600
    )
