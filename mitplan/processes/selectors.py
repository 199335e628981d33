"""Reads for the public pages. Each owns its joins, so a page's query count does not
grow with the number of fields, members or advisors."""

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mitplan.core.caching import forget_now_and_after_commit
from mitplan.core.translation import translated_language

from .models import Advisor, ExpertGroupMember, FieldOfAction, Phase, Process
from .participation import phase_state


@dataclass(frozen=True)
class TimelineEntry:
    kind: str  # "phase", or what happened: started, paused, resumed, completed
    title: str
    title_language: str
    text: str
    starts_on: date
    ends_on: date | None
    state: str  # past, current, upcoming
    text_language: str  # the language `text` is written in (German if untranslated)
    # What is true of a phase, in words (see `phase_progress`); "" for events.
    progress: str = ""
    # The newest status change: its notice is the one every page shows in brief.
    is_current_notice: bool = False


def _pauses(process: Process) -> list[tuple[date, date | None]]:
    """The days each pause began and ended (None: still paused)."""
    pauses: list[tuple[date, date | None]] = []
    for change in process.status_changes.all():
        on = timezone.localdate(change.changed_at)
        if change.status == Process.Status.PAUSED:
            pauses.append((on, None))
        elif pauses and pauses[-1][1] is None:
            pauses[-1] = (pauses[-1][0], on)
    if process.is_paused and not (pauses and pauses[-1][1] is None):
        pauses.append((timezone.localdate(process.status_changed_at), None))
    return pauses


def phase_progress(
    process: Process, phase: Phase, today: date, pauses: list[tuple[date, date | None]]
) -> str:
    """What the timeline may truthfully say of a phase: "done", "now", "planned",
    "on_hold" (it was running when the pause began), "date_open" (not started, and
    its date moves with the pause), "overdue" (its date passed while nothing
    happened: a new date follows) or "not_held" (the process ended without it)."""
    ended_in_pause = (
        phase.ends_on is not None
        and phase.ends_on < today
        and any(
            start <= phase.ends_on and (end is None or phase.ends_on < end)
            for start, end in pauses
        )
    )
    if process.status == Process.Status.PLANNED:
        return "planned" if phase.starts_on > today else "overdue"
    if process.status == Process.Status.COMPLETED:
        completed_on = timezone.localdate(process.status_changed_at)
        if phase.starts_on > completed_on or ended_in_pause:
            return "not_held"
        return "done"
    if process.is_paused and pauses:
        paused_on = pauses[-1][0]
        if phase.ends_on is None or phase.ends_on >= paused_on:
            if phase.starts_on <= paused_on:
                return "now" if phase.ends_on is None else "on_hold"
            if phase.ends_on is None:
                return "now" if phase.starts_on <= today else "planned"
            return "overdue" if phase.starts_on <= today else "date_open"
    state = phase.state_on(today)
    if state == "past":
        return "overdue" if ended_in_pause else "done"
    return "now" if state == "current" else "planned"


def process_timeline(
    process: Process, *, today: date | None = None
) -> list[TimelineEntry]:
    """Phases and status changes (pauses, resumptions) in one dated list."""
    today = today or timezone.localdate()

    pauses = _pauses(process)

    def state(phase) -> str:
        return phase_state(process, phase, today)

    entries = [
        TimelineEntry(
            kind="phase",
            title=phase.title,
            title_language=translated_language(phase, "title"),
            text=phase.description,
            starts_on=phase.starts_on,
            ends_on=phase.ends_on,
            state=state(phase),
            text_language=translated_language(phase, "description"),
            progress=phase_progress(process, phase, today, pauses),
        )
        for phase in process.phases.all()
    ]
    has_started = False
    changes = list(process.status_changes.all())
    for change in changes:
        on = timezone.localdate(change.changed_at)
        kind = change.status
        if change.status == Process.Status.ACTIVE:
            kind = "resumed" if has_started else "started"
            has_started = True
        entries.append(
            TimelineEntry(
                kind=kind,
                title=change.get_status_display(),
                title_language=translated_language(change, "notice"),
                text=change.notice,
                starts_on=on,
                ends_on=None,
                state="past" if on < today else "current",
                text_language=translated_language(change, "notice"),
                is_current_notice=change is changes[-1],
            )
        )
    return sorted(entries, key=lambda entry: (entry.starts_on, entry.kind != "phase"))


def process_current_phase(
    process: Process, *, today: date | None = None
) -> Phase | None:
    today = today or timezone.localdate()
    for phase in process.phases.all():
        if phase.state_on(today) == "current":
            return phase
    return None


def process_for_pages(process_id: int) -> Process:
    """The process with its phases, timeline and fields of action, as every page of
    the process shows them. Kept in the cache until one of them changes (see
    `process_changed`), so a page of the process costs no query for it."""

    def read():
        return Process.objects.prefetch_related(
            "phases",
            "status_changes",
            Prefetch(
                "fields_of_action",
                queryset=FieldOfAction.objects.order_by("sort_order", "pk"),
            ),
        ).get(pk=process_id)

    return cache.get_or_set(_process_key(process_id), read, 3600)


# Part of the key: raise it when the cached objects change shape (a new field), so
# a deployment never reads objects pickled by the release before.
PROCESS_CACHE_VERSION = 3  # 3: phases store their actions


def _process_key(process_id: int) -> str:
    return f"processes:pages:v{PROCESS_CACHE_VERSION}:{process_id}"


def process_changed(process_id: int) -> None:
    """Forget the cached process (see `forget_now_and_after_commit`)."""
    forget_now_and_after_commit(lambda: cache.delete(_process_key(process_id)))


def field_of_action_list(process: Process):
    return process.fields_of_action.order_by("sort_order", "pk")


def field_of_action_detail(process: Process, slug: str) -> FieldOfAction:
    queryset = (
        FieldOfAction.objects.filter(process=process)
        .select_related("expert_group")
        .prefetch_related(
            Prefetch(
                "expert_group__members",
                queryset=ExpertGroupMember.objects.filter(
                    is_listed_publicly=True
                ).select_related("organisation"),
            ),
            Prefetch(
                "advisors",
                queryset=Advisor.objects.select_related("organisation", "photo"),
            ),
        )
    )
    return get_object_or_404(queryset, slug=slug)


def advisor_for_contact(advisor_id: int) -> Advisor:
    return get_object_or_404(
        Advisor.objects.select_related("organisation").prefetch_related(
            Prefetch(
                "fields_of_action",
                queryset=FieldOfAction.objects.select_related("process"),
            )
        ),
        pk=advisor_id,
    )


def fields_with_advisors(process: Process) -> list[FieldOfAction]:
    return list(
        FieldOfAction.objects.filter(process=process)
        .order_by("sort_order", "pk")
        .prefetch_related(
            Prefetch(
                "advisors",
                queryset=Advisor.objects.select_related("organisation", "photo"),
            )
        )
    )
