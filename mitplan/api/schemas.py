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
