"""What the open data API shows. No personal data: no author, no pseudonym, no
e-mail addresses, nothing unpublished."""

from datetime import date, datetime

from ninja import Schema


class PhaseOut(Schema):
    title: str
    starts_on: date
    ends_on: date | None
    # The resident actions the phase allows (codes of processes.actions).
    actions: list[str]
    # The same, one flag per action of the first version (kept for clients).
    accepts_contributions: bool
    accepts_comments: bool
    accepts_supports: bool

    @staticmethod
    def resolve_accepts_contributions(phase) -> bool:
        return "contributions" in phase.actions

    @staticmethod
    def resolve_accepts_comments(phase) -> bool:
        return "comments" in phase.actions

    @staticmethod
    def resolve_accepts_supports(phase) -> bool:
        return "supports" in phase.actions


class ParticipationOut(Schema):
    """What residents can do online today, by the running phases."""

    contributions: bool
    comments: bool
    supports: bool
    closed_reason: str


class FieldOfActionOut(Schema):
    id: int
    slug: str
    name: str
    summary: str


class ProcessOut(Schema):
    id: int
    slug: str
    title: str
    mandate_reference: str
    status: str
    status_notice: str
    phases: list[PhaseOut]
    fields_of_action: list[FieldOfActionOut]
    participation: ParticipationOut


class StatementOut(Schema):
    outcome: str
    text: str
    expert_group: str
    published_at: datetime


class ContributionOut(Schema):
    id: int
    process: str
    field_of_action: str
    kind: str
    title: str
    text: str
    language: str
    tags: list[str]
    source: str
    processing_state: str
    support_count: int
    comment_count: int
    published_at: datetime
    statement: StatementOut | None


class SurveyOut(Schema):
    """A survey of a process that has opened, in the request's language."""

    slug: str
    title: str
    opens_at: datetime
    closes_at: datetime
    # When answering ends: closed by staff before closes_at, or closes_at.
    ends_at: datetime
    is_open: bool
    # Why nobody can answer now ("" while open), in the request's language.
    closed_reason: str
    response_count: int
    # Whether the results endpoint and page show results: interim results that
    # staff publish, or the final results (public once frozen at closing).
    are_results_public: bool
    # The results page in the request's language ("" without a live portal page).
    results_url: str
    results_api_url: str


class BarOut(Schema):
    """One answer's count. `code` is what exports and tallies call the answer
    (a choice code, a scale value, "@other", "@dont_know"; none for the ranges of
    a histogram). `percent` is of the chart's `respondents`; with several answers
    per person the shares add up to more than 100."""

    code: str | None
    label: str
    count: int
    percent: float
    # A ranking's mean place (1 is first), from the question's own counts (not in
    # breakdown groups, whose bars say it in `text`).
    average_place: float | None = None
    # What the page writes instead of the count, e.g. "average place 1.8".
    text: str = ""


class ChartOut(Schema):
    # A matrix has one chart per item (row): its code; otherwise null.
    item: str | None
    title: str
    respondents: int
    note: str
    bars: list[BarOut]


class GroupOut(Schema):
    """One group of a breakdown (only groups of at least 5 respondents)."""

    key: str
    label: str
    respondents: int
    charts: list[ChartOut]


class QuestionResultOut(Schema):
    code: str
    text: str
    kind: str
    # People who answered it (shown also while too few for results).
    respondents: int
    # Answered by at least the survey's min_respondents: only then are there charts.
    is_shown: bool
    charts: list[ChartOut]
    # Numbers: the median of the answers.
    median: float | None
    groups: list[GroupOut]
    # Breakdown groups left out: fewer than 5 respondents.
    small_groups: int


class BreakdownOut(Schema):
    code: str
    label: str


class SurveyResultsOut(Schema):
    """The published results, as the results page shows them: free-text answers
    never; a question's counts only once enough people answered it."""

    survey: str
    title: str
    response_count: int
    updated_at: datetime | None
    is_final: bool
    is_live: bool
    min_respondents: int
    breakdowns: list[BreakdownOut]
    breakdown: str
    sources: list[str]
    source: str
    questions: list[QuestionResultOut]
