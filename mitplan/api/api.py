"""The read-only open data API under /api/v1/ (django-ninja): processes, fields of
action and published contributions with their outcome. Routers only; the reads are
the apps' selectors."""

from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query, Schema
from ninja.pagination import PageNumberPagination, paginate

from mitplan.contributions import selectors as contribution_selectors
from mitplan.contributions.models import Contribution
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


@api.get("/processes", response=list[ProcessOut], tags=["processes"])
def process_list(request):
    return [
        _process_out(process)
        for process in Process.objects.prefetch_related("phases", "fields_of_action")
    ]


@api.get("/processes/{slug}", response=ProcessOut, tags=["processes"])
def process_detail(request, slug: str):
    return _process_out(
        get_object_or_404(
            Process.objects.prefetch_related("phases", "fields_of_action"), slug=slug
        )
    )


class ContributionFilters(Schema):
    process: str | None = None
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


class ContributionPagination(PageNumberPagination):
    page_size = 50


@api.get("/contributions", response=list[ContributionOut], tags=["contributions"])
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
        process = Process.objects.filter(slug=filters.process[:80]).first()
        if process is None:
            return _Mapped([])
    return _Mapped(
        contribution_selectors.MatchingContributions(
            list_filters, process=process, for_api=True
        )
    )


@api.get(
    "/contributions/{contribution_id}", response=ContributionOut, tags=["contributions"]
)
def contribution_detail(request, contribution_id: int):
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
