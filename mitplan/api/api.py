"""The read-only open data API under /api/v1/ (django-ninja): processes, fields of
action, published contributions with their outcome, and surveys with their published
results. Routers only; the reads are the apps' selectors."""

import logging
from typing import Annotated

from django.core.exceptions import SuspiciousOperation
from django.db import DatabaseError
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Path, Query, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PageNumberPagination, paginate
from pydantic import BeforeValidator, field_validator

from mitplan.contributions import selectors as contribution_selectors
from mitplan.contributions.models import Contribution
from mitplan.core import pagecache
from mitplan.core.parsing import MAX_ID, parse_int, parse_slug
from mitplan.processes.models import Process
from mitplan.processes.participation import participation
from mitplan.processes.portal import portal_page
from mitplan.surveys import rules as survey_rules
from mitplan.surveys import selectors as survey_selectors
from mitplan.surveys import services as survey_services
from mitplan.surveys.answers import DONT_KNOW, OTHER, Definition
from mitplan.surveys.models import Question, Response, Survey, code_validator
from mitplan.surveys.tallies import LANGUAGE

from . import events as event_api
from . import news as news_api
from .errors import ERRORS, NOT_FOUND
from .schemas import (
    ContributionOut,
    ProcessOut,
    SurveyOut,
    SurveyResultsOut,
)

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


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(NinjaValidationError)
def _invalid(request, exc):
    return api.create_response(request, {"detail": exc.errors}, status=422)


@api.exception_handler(SuspiciousOperation)
def _refused(request, exc):
    # Too many query fields, too big a body: the client's mistake, said as such.
    logger.warning("API request refused: %s", exc)
    return api.create_response(request, {"detail": _("Bad request.")}, status=400)


@api.exception_handler(DatabaseError)
def _database_down(request, exc):
    # A full disk or a database that is away: a passing state, said as one, so
    # clients retry instead of reporting a bug.
    logger.exception("API: the database failed on %s", request.path)
    response = api.create_response(
        request, {"detail": _("Temporarily unavailable; please retry.")}, status=503
    )
    response["Retry-After"] = "60"
    return response


@api.exception_handler(Exception)
def _server_error(request, exc):
    # Never the HTML error page: clients of a JSON API read JSON.
    logger.exception("API error on %s", request.path)
    return api.create_response(request, {"detail": _("Server error.")}, status=500)


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


# --- Surveys -----------------------------------------------------------------------


def _survey_out(request, survey: Survey, page) -> dict:
    reason = survey_rules.closed_reason(survey)
    results_url = (
        page.url + page.reverse_subpage("survey_results", args=[survey.slug])
        if page is not None
        else ""
    )
    return {
        "slug": survey.slug,
        "title": survey.title,
        "opens_at": survey.opens_at,
        "closes_at": survey.closes_at,
        "ends_at": survey.ends_at,
        "is_open": not reason,
        "closed_reason": reason,
        "response_count": survey.response_count,
        "are_results_public": survey.are_results_public
        or survey.final_results is not None,
        "results_url": request.build_absolute_uri(results_url) if results_url else "",
        "results_api_url": request.build_absolute_uri(
            reverse(
                "api_v1:survey_results",
                kwargs={"slug": survey.process.slug, "survey_slug": survey.slug},
            )
        ),
    }


@api.get(
    "/processes/{slug}/surveys",
    response={200: list[SurveyOut], **NOT_FOUND},
    tags=["surveys"],
)
def survey_list(request, slug: str = Path(..., max_length=100)):  # noqa: B008
    """The surveys of a process that have opened, newest first."""
    if parse_slug(slug) is None:
        raise Http404
    process = get_object_or_404(Process.objects.prefetch_related("phases"), slug=slug)
    page = portal_page(process)
    surveys = survey_selectors.process_surveys(process)
    for survey in surveys:
        survey.process = process  # with its phases: no query per survey
    return [_survey_out(request, survey, page) for survey in surveys]


class ResultOptions(Schema):
    # As the results page takes them: a breakdown ("@language" or a question's
    # code) and one source of responses, where the survey offers them.
    by: str = Field("", max_length=41)
    source: str = Field("", max_length=10)


def _unoffered(detail: str):
    return Status(422, {"detail": detail})


@api.get(
    "/processes/{slug}/surveys/{survey_slug}/results",
    response={200: SurveyResultsOut, **NOT_FOUND},
    tags=["surveys"],
)
def survey_results(
    request,
    options: Query[ResultOptions],
    slug: str = Path(..., max_length=100),  # noqa: B008
    survey_slug: str = Path(..., max_length=100),  # noqa: B008
):
    """The published results, by the rules of the results page, read from the
    survey's counters (never by counting responses). 404 while staff do not
    publish them."""
    if parse_slug(slug) is None or parse_slug(survey_slug) is None:
        raise Http404
    by, source = options.by, options.source
    if by and by != LANGUAGE and not code_validator.regex.fullmatch(by):
        return _unoffered("by: not a breakdown of this survey.")
    if source and source not in Response.Source.values:
        return _unoffered("source: one of " + ", ".join(Response.Source.values))
    surveys = Survey.objects.filter(process__slug=slug, slug=survey_slug)
    if by and by != LANGUAGE:
        # Whether the survey offers it, in the same query as the survey.
        surveys = surveys.annotate(
            offers_breakdown=Exists(
                Question.objects.filter(
                    survey=OuterRef("pk"),
                    code=by,
                    is_breakdown=True,
                    publishes_results=True,
                )
            )
        )
    survey = surveys.select_related("process").first()
    if survey is None or not survey.has_opened():
        raise Http404
    if by and not (
        survey.breakdown_by_language
        if by == LANGUAGE
        else getattr(survey, "offers_breakdown", False)
    ):
        return _unoffered("by: not a breakdown of this survey.")
    if source and not survey.shows_sources_apart:
        return _unoffered("source: this survey shows all sources together.")
    if not (survey.are_results_public or survey.final_results is not None):
        return Status(404, {"detail": "The results of this survey are not published."})
    survey_services.results_freeze(survey)  # closed by its date: as the page does
    results = survey_selectors.cached_results(survey, breakdown=by, source=source)
    if set(request.GET) <= {"by", "source"} and all(
        len(request.GET.getlist(name)) == 1 for name in request.GET
    ):
        pagecache.query_understood(request)
    published = Definition(survey, [result.question for result in results.questions])
    return {
        "survey": survey.slug,
        "title": survey.title,
        "response_count": results.total,
        "updated_at": results.updated_at,
        "is_final": results.is_final,
        "is_live": survey_selectors.is_live(survey),
        "min_respondents": survey.min_respondents,
        "breakdowns": [
            {"code": code, "label": label}
            for code, label in survey_selectors.breakdown_choices(survey, published)
        ],
        "breakdown": results.breakdown,
        "sources": list(Response.Source.values) if survey.shows_sources_apart else [],
        "source": results.source,
        # Free text never: staff read it (the page shows only quotes they picked).
        "questions": [
            _question_result_out(result)
            for result in results.questions
            if not result.question.is_text
        ],
    }


def _question_result_out(result) -> dict:
    question = result.question
    shown = result.is_shown
    return {
        "code": question.code,
        "text": question.text,
        "kind": question.kind,
        "respondents": result.respondents,
        "is_shown": shown,
        "charts": _charts_out(question, result.charts, result.average_places)
        if shown
        else [],
        "median": float(result.median_number)
        if shown and result.median_number is not None
        else None,
        "groups": [
            {
                "key": group.key,
                "label": group.label,
                "respondents": group.respondents,
                "charts": _charts_out(question, group.charts, None),
            }
            for group in result.groups
        ],
        "small_groups": result.small_groups,
    }


def _charts_out(question, charts, average_places: dict | None) -> list[dict]:
    """The page's charts with the code of each bar (in the order the selector
    draws them: its options, then "other"; a scale's values, then "don't know");
    a ranking's bars with the selector's average places, if given."""
    kind = question.kind
    options = question.options()
    if kind == Question.Kind.MATRIX:
        codes = [option.code for option in options]
        return [
            _chart_out(chart, codes, item=item.code)
            for item, chart in zip(question.items(), charts, strict=True)
        ]
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        codes = [option.code for option in options]
        codes += [OTHER] if question.allows_other else []
    elif kind == Question.Kind.SCALE:
        codes = [str(value) for value in question.scale_values()]
        codes += [DONT_KNOW] if question.allows_dont_know else []
    elif kind == Question.Kind.RANKING:
        # Bars in the order of their average place: found by their labels.
        left = list(options)
        codes = []
        for bar in charts[0].bars if charts else []:
            option = next(option for option in left if option.label == bar.label)
            left.remove(option)
            codes.append(option.code)
        averages = {
            code: round(average, 2)
            if (average := (average_places or {}).get(code)) is not None
            else None
            for code in codes
        }
        return [_chart_out(chart, codes, averages=averages) for chart in charts]
    else:  # numbers: the bins of a histogram
        return [_chart_out(chart, [None] * len(chart.bars)) for chart in charts]
    return [_chart_out(chart, codes) for chart in charts]


def _chart_out(chart, codes, *, item=None, averages=None) -> dict:
    return {
        "item": item,
        "title": chart.title,
        "respondents": chart.total,
        "note": chart.note,
        "bars": [
            {
                "code": code,
                "label": bar.label,
                "count": bar.count,
                "percent": bar.percent,
                "average_place": (averages or {}).get(code),
                "text": bar.text,
            }
            for code, bar in zip(codes, chart.bars, strict=True)
        ],
    }


api.add_router("", event_api.router)
api.add_router("", news_api.router)
