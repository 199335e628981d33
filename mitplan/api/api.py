"""The read-only open data API under /api/v1/ (django-ninja): processes, fields of
action and published contributions with their outcome. Routers only; the reads are
the apps' selectors."""

import logging
from typing import Annotated

from django.core.exceptions import SuspiciousOperation
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PageNumberPagination, paginate
from pydantic import BeforeValidator, field_validator

from mitplan.contributions import selectors as contribution_selectors
from mitplan.contributions.models import Contribution
from mitplan.core.parsing import MAX_ID, parse_int, parse_slug
from mitplan.processes.models import Process
from mitplan.processes.participation import participation

from .schemas import ContributionOut, ProcessOut

api = NinjaAPI(
    title="mitplan open data",
    version="1",
    description=(
        "Published contributions of the city's participation processes, with what "
        "became of each. No personal data."
    ),
    urls_namespace="api_v1",
)
logger = logging.getLogger(__name__)


class ErrorOut(Schema):
    """Every error of the API: a JSON object with a `detail`."""

    detail: str | list


# What each operation may answer besides 200, so the schema documents every status.
ERRORS = {400: ErrorOut, 422: ErrorOut, 500: ErrorOut, 503: ErrorOut}
NOT_FOUND = {404: ErrorOut, **ERRORS}


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(NinjaValidationError)
def _invalid(request, exc):
    return api.create_response(request, {"detail": exc.errors}, status=422)


@api.exception_handler(SuspiciousOperation)
def _refused(request, exc):
    # Too many query fields, too big a body: the client's mistake, said as such.
    logger.warning("API request refused: %s", exc)
    return api.create_response(request, {"detail": "Bad request."}, status=400)


@api.exception_handler(DatabaseError)
def _database_down(request, exc):
    # A full disk or a database that is away: a passing state, said as one, so
    # clients retry instead of reporting a bug.
    logger.exception("API: the database failed on %s", request.path)
    response = api.create_response(
        request, {"detail": "Temporarily unavailable; please retry."}, status=503
    )
    response["Retry-After"] = "60"
    return response


@api.exception_handler(Exception)
def _server_error(request, exc):
    # Never the HTML error page: clients of a JSON API read JSON.
    logger.exception("API error on %s", request.path)
    return api.create_response(request, {"detail": "Server error."}, status=500)


def _process_out(process: Process) -> dict:
    return {
        "id": process.pk,
        "slug": process.slug,
        "title": process.title,
        "mandate_reference": process.mandate_reference,
        "status": process.status,
        "status_notice": process.status_notice,
        "phases": list(process.phases.all()),
        "fields_of_action": list(process.fields_of_action.all()),
        "participation": participation(process),
    }


@api.get("/processes", response={200: list[ProcessOut], **ERRORS}, tags=["processes"])
def process_list(request):
    return [
        _process_out(process)
        for process in Process.objects.prefetch_related("phases", "fields_of_action")
    ]


@api.get(
    "/processes/{slug}", response={200: ProcessOut, **NOT_FOUND}, tags=["processes"]
)
def process_detail(request, slug: str = Path(..., max_length=100)):  # noqa: B008
    if parse_slug(slug) is None:
        raise Http404
    return _process_out(
        get_object_or_404(
            Process.objects.prefetch_related("phases", "fields_of_action"), slug=slug
        )
    )


class ContributionFilters(Schema):
    process: str | None = Field(None, max_length=100)
    # Longer values are cut as the list page cuts them: an unknown value is "all".
    field: str = ""
    kind: str = ""
    state: str = ""
    language: str = ""
    tag: str = ""
    q: str = ""
    sort: str = "newest"


def _contribution_out(contribution: Contribution) -> dict:
    statement = contribution.public_statement
    return {
        "id": contribution.pk,
        "process": contribution.process.slug,
        "field_of_action": contribution.field_of_action.slug,
        "kind": contribution.kind,
        "title": contribution.title,
        "text": contribution.text,
        "language": contribution.language,
        "tags": [tag.slug for tag in contribution.tags.all()],
        "source": contribution.source,
        "processing_state": contribution.processing_state,
        "support_count": contribution.support_count,
        "comment_count": contribution.comment_count,
        "published_at": contribution.published_at,
        "statement": {
            "outcome": statement.outcome,
            "text": statement.text,
            "expert_group": statement.expert_group.name,
            "published_at": statement.published_at,
        }
        if statement
        else None,
    }


def _written_number(value):
    """As every number in an address: ASCII digits only, written one way (no "+1",
    "1_0", " 1", "041" or other scripts' digits, which pydantic would read)."""
    if value is None or isinstance(value, int):
        return value
    if parse_int(value) is None or (len(value) > 1 and value.startswith("0")):
        raise ValueError("a whole number in ASCII digits, without leading zeros")
    return value


WrittenId = Annotated[int, BeforeValidator(_written_number)]


class ContributionPagination(PageNumberPagination):
    """Pages of 50 (at most 100 on request). A page number past any real list is
    an empty page; one no database could even offset to is refused (422)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=100)

        _ascii_digits = field_validator("page", "page_size", mode="before")(
            lambda cls, value: _written_number(value)
        )

    def __init__(self, **kwargs):
        super().__init__(page_size=50, max_page_size=100, **kwargs)


@api.get(
    "/contributions",
    response={200: list[ContributionOut], **ERRORS},
    tags=["contributions"],
)
@paginate(ContributionPagination)
def contribution_list(request, filters: Query[ContributionFilters]):
    # Filters as the list page takes them; "process" narrows to one process.
    list_filters = contribution_selectors.ListFilters(
        **{
            name: (getattr(filters, name) or "")[:200]
            for name in ("field", "kind", "state", "language", "tag", "q", "sort")
        }
    )
    process = None
    if filters.process:
        slug = parse_slug(filters.process)
        process = Process.objects.filter(slug=slug).first() if slug else None
        if process is None:
            return _Mapped([])
    return _Mapped(
        contribution_selectors.MatchingContributions(
            list_filters, process=process, for_api=True
        )
    )


@api.get(
    "/contributions/{contribution_id}",
    response={200: ContributionOut, **NOT_FOUND},
    tags=["contributions"],
)
def contribution_detail(
    request,
    contribution_id: WrittenId = Path(..., ge=1, le=MAX_ID),  # noqa: B008
):
    contribution = get_object_or_404(
        Contribution.objects.published()
        .select_related("process", "field_of_action", "statement__expert_group")
        .prefetch_related("tags"),
        pk=contribution_id,
    )
    return _contribution_out(contribution)


class _Mapped:
    """Contributions that pagination slices and counts, turned into output rows."""

    def __init__(self, contributions):
        self.contributions = contributions

    def count(self):
        return len(self.contributions)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        return [_contribution_out(item) for item in self.contributions[index]]
