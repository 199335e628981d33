"""Sending a response: stored with its tallies in one transaction, once per person,
and only while the survey is open."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from mitplan.core.submissions import Saved
from mitplan.processes.models import Process
from mitplan.surveys import services, tallies
from mitplan.surveys.answers import AnswersRefused, Definition
from mitplan.surveys.models import AccessCode, Response, Survey, Tally
from mitplan.surveys.selectors import survey_results

from .factories import FULL, survey_build

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    """The refusals are matched as written in the code."""
    with translation.override("en"):
        yield


def send(survey, answers=None, *, key="device-1", language="de", **kwargs):
    return services.response_submit(
        survey=survey,
        answers=FULL if answers is None else answers,
        language=language,
        key=services.respondent_key(key) if key else "",
        **kwargs,
    )


def counts(survey, question, group_by="", group_key=""):
    return dict(
        Tally.objects.filter(
            survey=survey, question=question, group_by=group_by, group_key=group_key
        ).values_list("key", "count")
    )


def test_a_response_adds_to_the_tallies_and_the_count(process):
    survey = survey_build(process)
    response, saved = send(survey)
    assert saved is Saved.CREATED
    survey.refresh_from_db()
    assert survey.response_count == 1
    assert survey.results_changed_at is not None
    assert counts(survey, "pick") == {"@answered": 1, "a": 1}
    assert counts(survey, "many") == {"@answered": 1, "a": 1, "c": 1}
    assert counts(survey, "grid") == {"@answered": 1, "x:a": 1, "y:b": 1}
    assert counts(survey, "order") == {"@answered": 1, "c@1": 1, "a@2": 1, "b@3": 1}
    assert counts(survey, "age") == {"@answered": 1, "34": 1}
    assert counts(survey, "more") == {
        "@answered": 1
    }  # texts are never counted by content
    # Breakdowns: by answer language and by the breakdown question "pick".
    assert counts(survey, "scale", "@language", "de") == {"@answered": 1, "4": 1}
    assert counts(survey, "", "pick", "a") == {"@responses": 1}
    assert response.answers["why"] == "Weil"


def test_the_tallies_equal_a_recount_after_many_responses(process):
    survey = survey_build(process)
    for n in range(30):
        answers = {**FULL, "scale": n % 5 + 1, "pick": "abc"[n % 3], "age": str(n)}
        if answers["pick"] != "a":
            answers.pop("why")
        send(survey, answers, key=f"device-{n}", language=["de", "ar", "tr"][n % 3])
    definition = Definition.of(survey)
    expected = tallies.computed(
        definition,
        Response.objects.filter(survey=survey).values_list(
            "answers", "language", "source"
        ),
    )
    assert tallies.stored(survey.pk) == {k: v for k, v in expected.items() if v}


def test_one_response_per_device(process):
    survey = survey_build(process)
    send(survey)
    with pytest.raises(services.SurveyRefused, match="already answered"):
        send(survey, {**FULL, "scale": 1})
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_resent_form_stores_one_response(process):
    survey = survey_build(process)
    first, saved = send(survey, submission_key="k1")
    again, saved_again = send(survey, submission_key="k1")
    assert (saved, saved_again) == (Saved.CREATED, Saved.RESENT)
    assert again.pk == first.pk
    survey.refresh_from_db()
    assert survey.response_count == 1


def test_refused_answers_write_nothing(process):
    survey = survey_build(process)
    with pytest.raises(AnswersRefused):
        send(survey, {**FULL, "pick": "b"})  # "why" was not asked
    survey.refresh_from_db()
    assert survey.response_count == 0
    assert not Tally.objects.filter(survey=survey).exists()


def test_a_closed_or_not_yet_open_survey_takes_no_response(process):
    now = timezone.now()
    later = survey_build(process, slug="later", opens_at=now + timedelta(days=1))
    with pytest.raises(services.SurveyRefused, match="opens on"):
        send(later)
    over = survey_build(
        process,
        slug="over",
        opens_at=now - timedelta(days=9),
        closes_at=now - timedelta(days=1),
    )
    with pytest.raises(services.SurveyRefused, match="closed"):
        send(over)
    assert not Response.objects.filter(survey__in=[later, over]).exists()


def test_a_pause_keeps_the_survey_open_and_completing_the_process_closes_it(process):
    assert process.status == Process.Status.PAUSED  # the demo's pandemic pause
    survey = survey_build(process)
    send(survey)  # the open-ended online phase goes on through the pause
    process.status = Process.Status.COMPLETED
    process.save()
    with pytest.raises(services.SurveyRefused):
        send(survey, key="device-2")


def test_a_phase_without_surveys_closes_them(process):
    for phase in process.phases.all():
        phase.actions = [a for a in phase.actions if a != "surveys"]
        phase.save()
    with pytest.raises(services.SurveyRefused):
        send(survey_build(process))


def test_one_code_one_response(process, process_owner):
    survey = survey_build(process, audience=Survey.Audience.ACCESS_CODE)
    [code] = services.access_codes_create(
        survey=survey, count=1, group="Beirat", actor=process_owner
    )
    assert len(code.code) == 10 and code.code.isalnum()
    with pytest.raises(services.SurveyRefused, match="access code"):
        send(survey)  # no code
    send(survey, access_code=code, key="")
    code.refresh_from_db()
    assert code.used_at is not None
    with pytest.raises(services.SurveyRefused, match="used already"):
        send(survey, access_code=AccessCode.objects.get(pk=code.pk), key="other")
    assert services.access_code_find(survey, code.code.lower()) == code


def test_signed_in_surveys_need_an_account_and_take_one_each(process, process_owner):
    survey = survey_build(process, audience=Survey.Audience.SIGNED_IN)
    with pytest.raises(services.SurveyRefused, match="sign in"):
        send(survey)
    send(survey, account=process_owner)
    with pytest.raises(services.SurveyRefused, match="already answered"):
        send(survey, account=process_owner, key="another-device")


def test_paper_questionnaires_are_entered_by_staff_only(
    process, process_owner, django_user_model
):
    survey = survey_build(process)
    resident = django_user_model.objects.create_user("resident", password="x" * 12)
    with pytest.raises(PermissionDenied):
        send(survey, key="", source=Response.Source.PAPER, entered_by=resident)
    response, _saved = send(
        survey,
        key="",
        source=Response.Source.PAPER,
        source_note="Stadtteilfest",
        entered_by=process_owner,
    )
    assert response.entered_by == process_owner
    send(
        survey, key="", source=Response.Source.PAPER, entered_by=process_owner
    )  # many per staff member
    assert counts(survey, "pick") == {"@answered": 2, "a": 2}
    assert Tally.objects.filter(survey=survey, source="paper").exists()
    online = survey_results(survey, source="online")
    assert online.total == 0


def test_closing_freezes_the_final_results(process, process_owner):
    survey = survey_build(process, min_respondents=10)
    for n in range(12):
        send(survey, key=f"device-{n}")
    survey = services.survey_close(survey=survey, actor=process_owner)
    assert survey.final_results["response_count"] == 12
    final = survey_results(survey)
    assert final.is_final and final.total == 12
    # Whatever happens to the tallies afterwards, the published results stand.
    Tally.objects.filter(survey=survey).update(count=0)
    survey.refresh_from_db()
    assert survey_results(survey).total == 12
    with pytest.raises(services.SurveyRefused):
        send(survey, key="late")


def test_closing_needs_a_process_owner(process, django_user_model):
    survey = survey_build(process)
    with pytest.raises(PermissionDenied):
        services.survey_close(
            survey=survey, actor=django_user_model.objects.create_user("x")
        )


def test_results_show_a_question_only_from_min_n(process):
    survey = survey_build(process)
    for n in range(9):
        send(survey, key=f"device-{n}")
    pick = survey_results(survey).questions[0]
    assert pick.respondents == 9 and not pick.is_shown and not pick.charts
    send(survey, key="device-10")
    with translation.override("de"):
        pick = survey_results(survey).questions[0]
    assert pick.is_shown
    [chart] = pick.charts
    assert [(bar.label, bar.count) for bar in chart.bars][:1] == [("Antwort a", 10)]


def test_breakdown_groups_under_five_are_left_out(process):
    survey = survey_build(process)
    for n in range(14):
        language = "de" if n < 10 else "ar"  # 10 German, 4 Arabic
        send(survey, key=f"device-{n}", language=language)
    results = survey_results(survey, breakdown="@language")
    scale = next(r for r in results.questions if r.question.code == "scale")
    assert [group.key for group in scale.groups] == ["de"]
    assert scale.small_groups == 1


def test_multiple_choice_shares_are_of_respondents(process):
    survey = survey_build(process)
    for n in range(10):
        send(survey, key=f"device-{n}")  # everyone chose a and c
    many = next(
        r for r in survey_results(survey).questions if r.question.code == "many"
    )
    assert [bar.percent for bar in many.charts[0].bars] == [100.0, 0.0, 100.0]
    assert "more than 100" in many.charts[0].note


def test_number_results_have_a_median(process):
    survey = survey_build(process)
    for n, age in enumerate(
        ["20", "30", "40", "50", "60", "70", "80", "90", "30", "30"]
    ):
        send(survey, {**FULL, "age": age}, key=f"device-{n}")
    age = next(r for r in survey_results(survey).questions if r.question.code == "age")
    assert age.median == "45"


def test_saving_a_draft_keeps_the_cached_pages_but_a_response_retires_them(process):
    from django.test import TestCase

    from mitplan.core import pagecache

    survey = survey_build(process)
    key = services.respondent_key("draft")
    before = pagecache.version()
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.draft_save(
            survey=survey,
            key=key,
            page_answers={"pick": "b"},
            page_codes=["pick", "scale"],
            language="de",
        )
    assert pagecache.version() == before
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.response_submit(survey=survey, answers=FULL, language="de", key=key)
    assert pagecache.version() != before


def test_a_twin_of_a_stored_response_is_a_resend_even_with_the_draft_gone(process):
    survey = survey_build(process)
    first, saved = send(survey, submission_key="k-1")
    assert saved is Saved.CREATED
    # The twin read the draft after the first had deleted it: no answers left.
    again, saved = send(survey, answers={}, submission_key="k-1")
    assert saved is Saved.RESENT and again.pk == first.pk
    assert Response.objects.filter(survey=survey).count() == 1
