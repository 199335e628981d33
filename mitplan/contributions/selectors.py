"""Reads for the contribution pages. The list's query count is the same on the first
and the last page and for 100 or 10,000 contributions."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404

from mitplan.comments.models import Comment

from .models import Contribution, HistoryEntry, Statement

PAGE_SIZE = 20
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


def contribution_list(process, filters: ListFilters, page_number):
    queryset = (
        Contribution.objects.published()
        .filter(process=process)
        .select_related("field_of_action", "statement")
        .prefetch_related("tags")
    )
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
    queryset = queryset.order_by(*SORTS.get(filters.sort, SORTS["newest"]))
    paginator = Paginator(queryset, PAGE_SIZE)
    return paginator.get_page(page_number)


def contribution_detail(process, pk: int) -> Contribution:
    contribution = (
        Contribution.objects.filter(process=process, pk=pk)
        .select_related("field_of_action", "expert_group", "merged_into", "statement")
        .prefetch_related(
            "tags",
            "history",
            Prefetch(
                "comments",
                queryset=Comment.objects.filter(parent=None).prefetch_related(
                    Prefetch(
                        "replies", queryset=Comment.objects.order_by("created_at", "pk")
                    )
                ),
                to_attr="top_level_comments",
            ),
        )
        .first()
    )
    if contribution is None:
        raise Http404
    return contribution


def published_statement(contribution: Contribution) -> Statement | None:
    try:
        statement = contribution.statement
    except Statement.DoesNotExist:
        return None
    return statement if statement.is_published else None


STATE_CHOICES = [
    (Contribution.Processing.RECEIVED, Contribution.Processing.RECEIVED.label),
    (
        Contribution.Processing.WITH_EXPERT_GROUP,
        Contribution.Processing.WITH_EXPERT_GROUP.label,
    ),
    *Statement.Outcome.choices,
]


def languages_in_use(process) -> list[str]:
    return sorted(
        Contribution.objects.published()
        .filter(process=process)
        .order_by()
        .values_list("language", flat=True)
        .distinct()
    )


def public_history(contribution: Contribution) -> list:
    """The steps residents see; who did them stays internal."""
    hidden = {HistoryEntry.Step.REJECTED}
    return [entry for entry in contribution.history.all() if entry.step not in hidden]
