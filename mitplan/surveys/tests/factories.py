"""A small survey with every kind of question, for the tests."""

from datetime import timedelta

from django.utils import timezone

from mitplan.surveys.models import Choice, Question, Survey


def survey_build(process, *, slug="test-survey", **fields) -> Survey:
    """Three pages: a single choice (with "other") and a scale with don't know; a
    multiple choice, a matrix, a ranking and a number; a text shown only to those
    who chose "a" on page 1, and a long text."""
    now = timezone.now()
    survey = Survey.objects.create(
        process=process,
        slug=slug,
        title_de="Testumfrage",
        title_en="Test survey",
        title_ar="استبيان تجريبي",
        opens_at=fields.pop("opens_at", now - timedelta(days=1)),
        closes_at=fields.pop("closes_at", now + timedelta(days=30)),
        **fields,
    )
    questions = [
        ("pick", 1, "single", {"allows_other": True, "is_breakdown": True}),
        ("scale", 1, "scale", {"allows_dont_know": True, "scale_max": 5}),
        ("many", 2, "multiple", {"max_choices": 2}),
        ("grid", 2, "matrix", {}),
        ("order", 2, "ranking", {}),
        ("age", 2, "number", {"number_min": 0, "number_max": 120, "unit_de": "Jahre"}),
        ("why", 3, "short_text", {"condition": {"question": "pick", "in": ["a"]}}),
        ("more", 3, "long_text", {}),
    ]
    for order, (code, page, kind, extra) in enumerate(questions):
        question = Question.objects.create(
            survey=survey,
            code=code,
            page=page,
            kind=kind,
            sort_order=order,
            text_de=f"Frage {code}",
            text_en=f"Question {code}",
            text_ar=f"سؤال {code}",
            **extra,
        )
        if kind in ("single", "multiple", "ranking", "matrix"):
            for position, choice in enumerate("abc"):
                Choice.objects.create(
                    question=question,
                    code=choice,
                    sort_order=position,
                    label_de=f"Antwort {choice}",
                    label_en=f"Answer {choice}",
                    label_ar=f"جواب {choice}",
                )
        if kind == "matrix":
            for position, item in enumerate(["x", "y"]):
                Choice.objects.create(
                    question=question,
                    code=item,
                    role=Choice.Role.ITEM,
                    sort_order=position,
                    label_de=f"Zeile {item}",
                    label_en=f"Row {item}",
                )
    return survey


# A complete, valid response to survey_build's survey.
FULL = {
    "pick": "a",
    "scale": 4,
    "many": ["a", "c"],
    "grid": {"x": "a", "y": "b"},
    "order": ["c", "a", "b"],
    "age": "34",
    "why": "Weil",
    "more": "Mehr Sprachkurse, bitte.",
}


def admin_in_english(user):
    """The staff screens speak the account's chosen language: English, so tests can
    read the messages as written in the code."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user
