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


def process_timeline(
    process: Process, *, today: date | None = None
) -> list[TimelineEntry]:
    """Phases and status changes (pauses, resumptions) in one dated list."""
    today = today or timezone.localdate()

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
        )
        for phase in process.phases.all()
    ]
    has_started = False
    for change in process.status_changes.all():
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
PROCESS_CACHE_VERSION = 2


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
