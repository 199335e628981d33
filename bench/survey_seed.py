"""What the survey benches share inside Django: a survey built from a list of
questions, and model rows of a survey inserted in bulk."""

from collections.abc import Iterable


def survey_create(
    slug: str,
    questions: list[tuple],
    *,
    option_labels: dict[str, str],
    item_labels: dict[str, str],
    process: str = "lip-2",
    opens_days: int = 1,
    closes_days: int = 30,
    **fields,
):
    """A survey open from `opens_days` ago for `closes_days`, with `questions`,
    each (code, page, kind, its fields, option codes, item codes), in order.

    A choice's label in each language of `option_labels` / `item_labels` (language
    → template) is the template filled with its `code` and its `number` (from 1).
    `fields` go to the survey (its titles)."""
    from datetime import timedelta

    from django.utils import timezone

    from mitplan.processes.models import Process
    from mitplan.surveys.models import Choice, Question, Survey

    now = timezone.now()
    survey = Survey.objects.create(
        process=Process.objects.get(slug=process),
        slug=slug,
        opens_at=now - timedelta(days=opens_days),
        closes_at=now + timedelta(days=closes_days),
        **fields,
    )
    for order, (code, page, kind, extra, options, items) in enumerate(questions):
        question = Question.objects.create(
            survey=survey,
            code=code,
            page=page,
            kind=kind,
            sort_order=order,
            text_de=f"Frage {code}",
            text_en=f"Question {code}",
            **extra,
        )
        Choice.objects.bulk_create(
            Choice(
                question=question,
                code=choice,
                role=role,
                sort_order=position,
                **{
                    f"label_{language}": label.format(code=choice, number=position + 1)
                    for language, label in labels.items()
                },
            )
            for role, codes, labels in (
                (Choice.Role.OPTION, options, option_labels),
                (Choice.Role.ITEM, items, item_labels),
            )
            for position, choice in enumerate(codes)
        )
    return survey


def bulk_insert(model, survey, rows: Iterable[dict], *, batch_size: int) -> None:
    """`model` rows of `survey`, each from a dict of its other fields, inserted
    `batch_size` at a time (no more than one batch held), in the caller's
    transaction."""
    batch = []
    for fields in rows:
        batch.append(model(survey=survey, **fields))
        if len(batch) == batch_size:
            model.objects.bulk_create(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)
