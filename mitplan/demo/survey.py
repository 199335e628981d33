"""The model case's online survey on living together in the city, with generated
responses in several languages and published interim results.

The model case's survey ran in eight languages while the rest of the process was
paused, and published interim results a few days after it started. The demo's
survey opens on the day the demo is loaded (so that it can be answered and its
results grow), with about 350 generated responses from the days before.
Its texts in the other eight languages are in `survey_texts.py`."""

import random
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mitplan.processes.models import Process
from mitplan.surveys import services as survey_services
from mitplan.surveys.models import Choice, Question, Survey

from .survey_texts import TEXTS

SLUG = "zusammenleben"
RESPONSES = 350
# Roughly who answered in which language (the model case's survey ran in eight).
LANGUAGE_WEIGHTS = {
    "de": 52, "ar": 12, "tr": 8, "ru": 6, "uk": 7, "en": 5, "fa": 4, "pl": 2,
    "ro": 2, "bg": 2,
}  # fmt: skip

# (code, page, kind, options) in order; texts under "q.<code>…" in TEXTS.
QUESTIONS = [
    ("fields", 1, "multiple", {"max_choices": 2, "is_breakdown": False,
     "choices": ["bildung", "wirtschaft", "soziales", "stadtleben", "demokratie",
                 "stadtverwaltung"]}),
    ("welcome", 1, "scale", {"scale_min": 1, "scale_max": 5, "allows_dont_know": True,
     "is_required": True}),
    ("years", 2, "single", {"choices": ["under1", "1to5", "5to10", "over10", "born"],
     "is_breakdown": True}),
    ("home_languages", 2, "multiple", {"allows_other": True,
     "choices": ["de", "ar", "tr", "ru", "uk", "fa", "pl", "ro", "bg", "en"]}),
    ("contact", 2, "matrix", {"choices": ["often", "sometimes", "rarely", "never"],
     "items": ["work", "neighbourhood", "clubs"]}),
    ("priorities", 3, "ranking", {"choices": ["courses", "childcare", "housing",
     "jobs"]}),
    ("engaged", 3, "single", {"choices": ["yes", "no"]}),
    ("where_engaged", 4, "short_text", {"condition": {"question": "engaged",
     "in": ["yes"]}, "publishes_results": False}),
    ("heard", 4, "multiple", {"allows_other": True,
     "choices": ["newspaper", "social", "friends", "association", "website",
                 "event"]}),
    ("age_group", 4, "single", {"choices": ["under18", "18to29", "30to44", "45to64",
     "65plus"], "is_breakdown": True}),
    ("first_step", 4, "long_text", {}),
]  # fmt: skip


def _texts(key: str) -> dict:
    """field values for every language of the text `key` (German the source)."""
    return TEXTS[key]


def _tr(field: str, key: str) -> dict:
    return {f"{field}_{lang}": text for lang, text in _texts(key).items()}


@transaction.atomic
def demo_survey_ensure(process: Process) -> Survey | None:
    """Create the demo survey with its responses unless the process has it."""
    if Survey.objects.filter(process=process, slug=SLUG).exists():
        return None
    # A demo loaded before surveys existed: its online phase allows them now.
    for phase in process.phases.filter(ends_on=None):
        if "contributions" in phase.actions and "surveys" not in phase.actions:
            phase.actions = [*phase.actions, "surveys"]
            phase.save(update_fields=["actions"])
    now = timezone.now()
    survey = Survey.objects.create(
        process=process,
        slug=SLUG,
        opens_at=now - timedelta(days=12),
        closes_at=now + timedelta(weeks=8),
        **_tr("title", "title"),
        **_tr("introduction", "introduction"),
        **_tr("privacy_text", "privacy"),
        **_tr("thanks_text", "thanks"),
    )
    for order, (code, page, kind, options) in enumerate(QUESTIONS):
        options = dict(options)
        choices = options.pop("choices", [])
        items = options.pop("items", [])
        extra = {}
        for field, suffix in (
            ("help_text", "help"),
            ("other_label", "other"),
            ("scale_min_label", "min"),
            ("scale_max_label", "max"),
        ):
            if f"q.{code}.{suffix}" in TEXTS:
                extra.update(_tr(field, f"q.{code}.{suffix}"))
        question = Question.objects.create(
            survey=survey,
            code=code,
            page=page,
            kind=kind,
            sort_order=order,
            **_tr("text", f"q.{code}"),
            **extra,
            **options,
        )
        for role, codes in ((Choice.Role.OPTION, choices), (Choice.Role.ITEM, items)):
            prefix = "c" if role == Choice.Role.OPTION else "i"
            for position, choice in enumerate(codes):
                Choice.objects.create(
                    question=question,
                    code=choice,
                    role=role,
                    sort_order=position,
                    **_tr("label", f"q.{code}.{prefix}.{choice}"),
                )
    _responses_generate(survey, now)
    return survey


def _responses_generate(survey: Survey, now) -> None:
    """About 350 plausible responses over the twelve days the survey has run,
    sent through the same service as online answers (so tallies and the recount
    agree)."""
    rng = random.Random(2020)  # the same demo on every load
    languages = list(LANGUAGE_WEIGHTS)
    weights = list(LANGUAGE_WEIGHTS.values())
    fields = ["bildung", "wirtschaft", "soziales", "stadtleben", "demokratie",
              "stadtverwaltung"]  # fmt: skip
    field_weights = [30, 26, 22, 12, 6, 4]
    valid = {code for code, _name in settings.LANGUAGES}
    for number in range(RESPONSES):
        language = rng.choices(languages, weights)[0]
        answers = {
            "fields": sorted(
                set(rng.choices(fields, field_weights, k=rng.choice([1, 2, 2])))
            ),
            "welcome": rng.choices(
                [1, 2, 3, 4, 5, "@dont_know"], [4, 9, 24, 36, 22, 5]
            )[0],
            "years": rng.choices(
                ["under1", "1to5", "5to10", "over10", "born"], [8, 30, 20, 22, 20]
            )[0],
            "home_languages": sorted(
                {"de", language} if language in valid and rng.random() < 0.7 else {"de"}
            ),
            "contact": {
                item: rng.choices(
                    ["often", "sometimes", "rarely", "never"], [35, 35, 20, 10]
                )[0]
                for item in ("work", "neighbourhood", "clubs")
                if rng.random() < 0.9
            },
            "priorities": rng.sample(["courses", "childcare", "housing", "jobs"], 4),
            "engaged": rng.choices(["yes", "no"], [35, 65])[0],
            "heard": sorted(
                set(
                    rng.choices(
                        [
                            "newspaper",
                            "social",
                            "friends",
                            "association",
                            "website",
                            "event",
                        ],  # fmt: skip
                        [15, 30, 25, 15, 10, 5],
                        k=rng.choice([1, 1, 2]),
                    )
                )
            ),
            "age_group": rng.choices(
                ["under18", "18to29", "30to44", "45to64", "65plus"], [4, 28, 34, 24, 10]
            )[0],
        }
        if answers["engaged"] == "yes" and rng.random() < 0.5:
            answers["where_engaged"] = rng.choice(
                [
                    "Sportverein",
                    "Elternbeirat",
                    "Moscheegemeinde",
                    "Nachbarschaftshilfe",
                ]
            )
        response, _saved = survey_services.response_submit(
            survey=survey,
            answers=answers,
            language=language,
            key=survey_services.respondent_key(f"demo-{number}"),
        )
        # Spread over the days the survey has run (the service stamps "now").
        response.submitted_at = now - timedelta(
            days=rng.uniform(0, 12), minutes=rng.uniform(0, 600)
        )
        response.save(update_fields=["submitted_at"])
