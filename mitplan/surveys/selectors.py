"""Reads for the survey pages: the surveys of a process, and a survey's results
built from its tallies (live) or its frozen final results — never by counting
responses. The results are the same for the page, its live fragment, the SVG
download and the API, under the same rules: a question shows only when published
and answered by at least `min_respondents`; a breakdown group only with at least
MIN_GROUP_SIZE respondents."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, prefetch_related_objects
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mitplan.core.charts import BarChart, bar_chart

from .answers import DONT_KNOW, OTHER, Definition
from .models import MIN_GROUP_SIZE, Draft, Question, Quote, Response, Survey, Tally
from .tallies import ANSWERED, LANGUAGE, RESPONSES

CACHE_SECONDS = 3600


def process_surveys(process) -> list[Survey]:
    """The surveys the portal lists, each ready to say whether it is open: they
    share the caller's process, its phases read once (or not at all when the
    caller read them)."""
    surveys = list(
        Survey.objects.filter(process=process).listed().order_by("-opens_at")
    )
    if surveys:
        prefetch_related_objects([process], "phases")
    for survey in surveys:
        survey.process = process
    return surveys


def survey_of(process, slug: str) -> Survey | None:
    return (
        Survey.objects.filter(process=process, slug=slug)
        .select_related("process")
        .prefetch_related("process__phases")
        .first()
    )


@dataclass
class Group:
    key: str
    label: str
    respondents: int
    charts: list[BarChart]


@dataclass
class QuestionResult:
    question: Question
    respondents: int
    is_shown: bool  # published and answered by enough people
    charts: list[BarChart] = field(default_factory=list)
    median: str = ""  # a number question's median, formatted for the page
    median_number: Decimal | None = None  # the same, as a number (the API's)
    groups: list[Group] = field(default_factory=list)
    small_groups: int = 0  # groups left out: fewer than MIN_GROUP_SIZE respondents
    quotes: list[str] = field(default_factory=list)
    # A ranking's average place of each option code (1 the first; None: never
    # ranked), in the options' order.
    average_places: dict = field(default_factory=dict)


@dataclass
class Results:
    survey: Survey
    total: int
    updated_at: object
    is_final: bool
    questions: list[QuestionResult]
    breakdown: str = ""  # the question code (or "@language") groups are by
    breakdown_label: str = ""
    source: str = ""  # "" all sources, else one Response.Source


def breakdown_choices(survey: Survey, definition: Definition) -> list[tuple[str, str]]:
    """What the results can be broken down by: languages, breakdown questions."""
    choices = []
    if survey.breakdown_by_language:
        choices.append((LANGUAGE, _("Language answered in")))
    for question in definition.questions:
        if question.is_breakdown and question.publishes_results:
            choices.append((question.code, question.text))
    return choices


def _rows(survey: Survey, group_by: list[str]):
    if survey.final_results is not None:
        return [
            row for row in survey.final_results["tallies"] if row[3] in set(group_by)
        ]
    return Tally.objects.filter(survey=survey, group_by__in=group_by).values_list(
        "question", "key", "source", "group_by", "group_key", "count"
    )


def survey_results(
    survey: Survey,
    *,
    breakdown: str = "",
    source: str = "",
    definition: Definition | None = None,
) -> Results:
    """The results as published (uncached; see `cached_results`)."""
    definition = definition or Definition.of(survey)
    choices = dict(breakdown_choices(survey, definition))
    if breakdown not in choices:
        breakdown = ""
    counts = defaultdict(lambda: defaultdict(int))  # (gb, gk, question) → key → n
    for question, key, row_source, group_by, group_key, n in _rows(
        survey, ["", breakdown] if breakdown else [""]
    ):
        if source and row_source != source:
            continue
        counts[(group_by, group_key, question)][key] += n
    total = counts[("", "", "")][RESPONSES]
    quotes = defaultdict(list)
    for question_id, text in Quote.objects.filter(question__survey=survey).values_list(
        "question_id", "text"
    ):
        quotes[question_id].append(text)
    group_sizes = {
        group_key: keys[RESPONSES]
        for (group_by, group_key, question), keys in counts.items()
        if breakdown and group_by == breakdown and question == ""
    }
    results = []
    for question in definition.questions:
        if not question.publishes_results:
            continue
        overall = counts[("", "", question.code)]
        respondents = overall[ANSWERED]
        shown = respondents >= survey.min_respondents and not question.is_text
        result = QuestionResult(
            question=question,
            respondents=respondents,
            is_shown=shown or (question.is_text and bool(quotes[question.pk])),
            quotes=quotes[question.pk],
        )
        if shown:
            result.charts = _charts(question, overall)
            if question.kind == Question.Kind.NUMBER:
                result.median_number = _median(overall)
                if result.median_number is not None:
                    result.median = number_format(
                        result.median_number.normalize(), use_l10n=True
                    )
            elif question.kind == Question.Kind.RANKING:
                result.average_places = {
                    option.code: average
                    for option, _n, average in _ranked(question, overall)
                }
            if breakdown and breakdown != question.code:
                for group_key, label in _group_labels(
                    breakdown, definition, group_sizes
                ):
                    keys = counts[(breakdown, group_key, question.code)]
                    size = group_sizes.get(group_key, 0)
                    if size < MIN_GROUP_SIZE or keys[ANSWERED] < MIN_GROUP_SIZE:
                        result.small_groups += 1 if size else 0
                        continue
                    result.groups.append(
                        Group(group_key, label, keys[ANSWERED], _charts(question, keys))
                    )
        results.append(result)
    return Results(
        survey=survey,
        total=total,
        updated_at=survey.results_changed_at,
        is_final=survey.final_results is not None,
        questions=results,
        breakdown=breakdown,
        breakdown_label=choices.get(breakdown, ""),
        source=source,
    )


def results_version(survey: Survey) -> str:
    """What shown results depend on: a new response, a staff edit (a picked quote
    touches changed_at too), the closing."""
    changed = int(survey.changed_at.timestamp() * 1000) if survey.changed_at else 0
    final = "f" if survey.final_results is not None else "l"
    return f"{survey.pk}-{survey.response_count}-{changed}-{final}"


def results_key(kind: str, survey: Survey, options: dict, *extra) -> str:
    """A cache key of results or their rendering: stale as soon as the version is."""
    parts = [results_version(survey), get_language()]
    parts += [f"{k}={v}" for k, v in sorted(options.items())]
    return ":".join([f"survey-{kind}", *parts, *map(str, extra)])


def cached_results(survey: Survey, **options) -> Results:
    """The results from the cache, kept until the next response or staff edit."""
    key = results_key("results", survey, options)
    results = cache.get(key)
    if results is None:
        results = survey_results(survey, **options)
        cache.set(key, results, CACHE_SECONDS)
    return results


def _group_labels(breakdown: str, definition: Definition, sizes: dict):
    if breakdown == LANGUAGE:
        names = dict(settings.LANGUAGES)
        return [(code, _(names[code])) for code in names if code in sizes]
    question = definition.by_code[breakdown]
    if question.kind == Question.Kind.SCALE:
        return [(str(v), str(v)) for v in question.scale_values() if str(v) in sizes]
    return [(c.code, c.label) for c in question.options() if c.code in sizes]


def _percent_of_respondents_note(question) -> str:
    if question.kind == Question.Kind.MULTIPLE:
        return _(
            "Several answers possible: each share is of the people who answered, so "
            "the shares add up to more than 100 %."
        )
    return ""


def _charts(question, keys) -> list[BarChart]:
    respondents = keys[ANSWERED]
    kind = question.kind
    title = question.text
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        bars = [(c.label, keys[c.code]) for c in question.options()]
        if question.allows_other:
            bars.append((question.other_label or _("Other"), keys[OTHER]))
        return [
            bar_chart(
                title,
                bars,
                total=respondents,
                note=_percent_of_respondents_note(question),
            )
        ]
    if kind == Question.Kind.SCALE:
        bars = []
        for value in question.scale_values():
            label = str(value)
            if value == question.scale_min and question.scale_min_label:
                label = f"{value} – {question.scale_min_label}"
            elif value == question.scale_max and question.scale_max_label:
                label = f"{value} – {question.scale_max_label}"
            bars.append((label, keys[str(value)]))
        if question.allows_dont_know:
            bars.append((_("Don't know"), keys[DONT_KNOW]))
        return [bar_chart(title, bars, total=respondents)]
    if kind == Question.Kind.MATRIX:
        options = question.options()
        charts = []
        for item in question.items():
            item_keys = [keys[f"{item.code}:{o.code}"] for o in options]
            charts.append(
                bar_chart(
                    item.label,
                    [(o.label, n) for o, n in zip(options, item_keys, strict=True)],
                    total=sum(item_keys),
                )
            )
        return charts
    if kind == Question.Kind.RANKING:
        return [_ranking_chart(question, keys)]
    if kind == Question.Kind.NUMBER:
        return [_histogram(question, keys)]
    return []


def _ranked(question, keys) -> list[tuple[object, int, float | None]]:
    """Each option of a ranking, how many ranked it, and its average place (1 the
    first; None if nobody ranked it), from the counters "code@place"."""
    options = question.options()
    places = len(options)
    rows = []
    for option in options:
        ranked = [
            (place, keys.get(f"{option.code}@{place}", 0))
            for place in range(1, places + 1)
        ]
        n = sum(count for _place, count in ranked)
        average = sum(place * count for place, count in ranked) / n if n else None
        rows.append((option, n, average))
    return rows


def _ranking_chart(question, keys) -> BarChart:
    places = len(question.options())
    averages = [
        (option.label, n, average or 0)
        for option, n, average in _ranked(question, keys)
    ]
    averages.sort(key=lambda row: row[2] or places + 1)
    chart = bar_chart(
        question.text,
        [(label, n) for label, n, _average in averages],
        total=keys[ANSWERED],
        note=_("Average place: 1 is the first place. A longer bar is a better place."),
    )
    bars = []
    for bar, (_label, _n, average) in zip(chart.bars, averages, strict=True):
        score = (places + 1 - average) / places if average else 0
        bars.append(
            type(bar)(
                label=bar.label,
                count=bar.count,
                percent=bar.percent,
                width=max(round(100 * score), 1 if average else 0),
                text=_("average place %(place)s")
                % {"place": number_format(round(average, 1), 1)},
            )
        )
    return BarChart(title=chart.title, bars=bars, total=chart.total, note=chart.note)


def _numbers(keys) -> list[tuple[Decimal, int]]:
    values = []
    for key, count in keys.items():
        if key.startswith("@") or not count:
            continue
        try:
            values.append((Decimal(key), count))
        except ArithmeticError:
            continue
    return sorted(values)


def _median(keys) -> Decimal | None:
    values = _numbers(keys)
    n = sum(count for _v, count in values)
    if not n:
        return None
    middle = [(n - 1) // 2, n // 2]
    found = []
    seen = 0
    for value, count in values:
        for position in middle:
            if seen <= position < seen + count:
                found.append(value)
        seen += count
    return sum(found) / len(found)


def _histogram(question, keys) -> BarChart:
    values = _numbers(keys)
    unit = f" {question.unit}" if question.unit else ""
    if len(values) <= 12:
        bars = [(f"{number_format(v.normalize())}{unit}", n) for v, n in values]
    else:
        low, high = values[0][0], values[-1][0]
        width = (high - low) / 8
        bins = [0] * 8
        for value, count in values:
            index = min(int((value - low) / width), 7) if width else 0
            bins[index] += count
        bars = []
        for index, count in enumerate(bins):
            start = low + width * index
            end = low + width * (index + 1)
            bars.append(
                (
                    _("%(start)s to %(end)s")
                    % {
                        "start": number_format(round(start, 1)),
                        "end": f"{number_format(round(end, 1))}{unit}",
                    },
                    count,
                )
            )
    return bar_chart(question.text, bars, total=keys[ANSWERED])


def is_live(survey: Survey) -> bool:
    return survey.final_results is None and not survey.is_over(timezone.now())


@dataclass
class Monitor:
    per_day: BarChart
    languages: BarChart
    drop_off: BarChart
    responses: int
    started: int  # responses + drafts still open
    completion_percent: float


def survey_monitor(survey: Survey) -> Monitor:
    """What staff watch while a survey runs: responses per day, how many who
    started also sent, where those who did not send stopped, which languages."""
    days = (
        Response.objects.filter(survey=survey)
        .annotate(day=TruncDate("submitted_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    per_day = bar_chart(
        _("Responses per day"),
        [(row["day"].isoformat(), row["n"]) for row in days],
    )
    names = dict(settings.LANGUAGES)
    languages = (
        Response.objects.filter(survey=survey)
        .values("language")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    language_chart = bar_chart(
        _("Languages answered in"),
        [
            (_(names.get(row["language"], row["language"])), row["n"])
            for row in languages
        ],
    )
    definition = Definition.of(survey)
    page_of = {q.code: q.page for q in definition.questions}
    reached = defaultdict(int)
    drafts = 0
    for answers in Draft.objects.filter(survey=survey).values_list(
        "answers", flat=True
    ):
        drafts += 1
        pages = [page_of[code] for code in answers if code in page_of]
        reached[max(pages) if pages else 0] += 1
    drop_off = bar_chart(
        _("Started but not sent: the last page answered"),
        [
            (
                _("none yet") if page == 0 else _("page %(page)d") % {"page": page},
                reached[page],
            )
            for page in [0, *definition.pages]
        ],
    )
    responses = survey.response_count
    started = responses + drafts
    return Monitor(
        per_day=per_day,
        languages=language_chart,
        drop_off=drop_off,
        responses=responses,
        started=started,
        completion_percent=round(100 * responses / started, 1) if started else 0.0,
    )
