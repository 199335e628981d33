"""One question's live results as a figure an article can embed (processes.embeds),
as the model case's "interim results" news showed its bar charts.

A figure is "survey:<survey id>/<question code>" (codes never change once a survey
has responses). It reads the results the results page reads (`cached_results`,
from the tallies), under the same rules, and links to them: hidden results, a
question that does not publish its results and one answered by fewer than the
survey's minimum say so in a sentence instead of a chart."""

from django.template.loader import render_to_string
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mitplan.core.parsing import parse_id
from mitplan.processes.embeds import GONE, EmbedKind, add_embed_kind, embed_value
from mitplan.processes.portal import url_below_portal

from . import selectors, services
from .models import Question

KIND = "survey"


def figure_key(survey_id: int, code: str) -> str:
    return f"{survey_id}/{code}"


def figure_value(survey, code: str) -> str:
    """What a page's live result block stores for one question of `survey`."""
    return embed_value(KIND, figure_key(survey.pk, code))


def _question(key: str) -> Question | None:
    survey_id, _slash, code = key.partition("/")
    pk = parse_id(survey_id)
    if pk is None or not code:
        return None
    return (
        Question.objects.filter(survey_id=pk, code=code)
        .select_related("survey__process")
        .first()
    )


def _has_chart(question: Question) -> bool:
    return question.publishes_results and not question.is_text


def choices() -> list[tuple[str, str]]:
    """The questions whose results are drawn as charts, newest survey first."""
    questions = (
        Question.objects.filter(publishes_results=True)
        .exclude(kind__in=Question.TEXT_KINDS)
        .select_related("survey")
        .order_by("-survey__opens_at", "survey_id", "page", "sort_order", "pk")
    )
    return [
        (
            figure_key(q.survey_id, q.code),
            f"{q.survey.title} – {Truncator(q.text).chars(90)}",
        )
        for q in questions
    ]


def problem(key: str) -> str:
    question = _question(key)
    if question is None:
        return str(GONE)
    if not _has_chart(question):
        return _("The results of this question are not published.")
    return ""


def render(key: str, *, request=None) -> str:
    question = _question(key)
    if question is None:
        return ""
    survey = question.survey
    context = {"survey": survey, "question": question, "state": "hidden"}
    if survey.has_opened() and (
        survey.are_results_public or survey.final_results is not None
    ):
        services.results_freeze(survey)  # closed by its date: as the page does
        results = selectors.cached_results(survey)
        result = next(
            (r for r in results.questions if r.question.code == question.code), None
        )
        context.update(
            results=results,
            result=result,
            is_live=selectors.is_live(survey),
            results_url=url_below_portal(survey.process, "survey_results", survey.slug),
        )
        if result is None or not _has_chart(question):
            context["state"] = "unpublished"
        else:
            context["state"] = "shown" if result.is_shown else "too_few"
    return render_to_string("surveys/includes/embed.html", context, request=request)


def register() -> None:
    add_embed_kind(
        EmbedKind(
            name=KIND,
            label=gettext_lazy("Survey questions"),
            choices=choices,
            problem=problem,
            render=render,
        )
    )
