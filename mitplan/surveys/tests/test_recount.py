"""`manage.py recount_surveys`: the tallies agree with the responses after the
demo and after sending; a drift is found (exit status 1) and corrected."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mitplan.surveys import services
from mitplan.surveys.models import Survey, Tally

from .factories import FULL, survey_build

pytestmark = pytest.mark.django_db


def test_the_demo_and_fresh_responses_recount_equal(process, capsys):
    survey = survey_build(process)
    for n in range(3):
        services.response_submit(
            survey=survey,
            answers=FULL,
            language=["de", "ar", "tr"][n],
            key=services.respondent_key(f"r{n}"),
        )
    call_command("recount_surveys")
    assert ", 0 with differences." in capsys.readouterr().out


def test_a_drift_is_reported_and_fixed(process, capsys):
    survey = survey_build(process)
    services.response_submit(
        survey=survey, answers=FULL, language="de", key=services.respondent_key("a")
    )
    tally = Tally.objects.filter(
        survey=survey, question="pick", key="a", group_by=""
    ).first()
    tally.count += 5
    tally.save()
    Survey.objects.filter(pk=survey.pk).update(response_count=7)
    with pytest.raises(CommandError) as failed:
        call_command("recount_surveys", survey=survey.pk)
    assert failed.value.returncode == 1
    out = capsys.readouterr().out
    assert "pick a online: stored 6, counted 1" in out
    assert "response_count" in out
    call_command("recount_surveys", survey=survey.pk, fix=True)
    call_command("recount_surveys", survey=survey.pk)  # no error now
    survey.refresh_from_db()
    assert survey.response_count == 1
