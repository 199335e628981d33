"""A survey's personal data: a signed-in resident's responses in "download my
data" and unlinked on erasure (still counted); drafts and the links of responses
to devices, accounts and codes expire."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from mitplan.core import privacy
from mitplan.core.privacy import Person
from mitplan.surveys import services
from mitplan.surveys.models import Draft, Response, Survey

from .factories import FULL, survey_build

pytestmark = pytest.mark.django_db


def test_own_responses_are_exported_and_unlinked_not_uncounted(process):
    survey = survey_build(process, audience=Survey.Audience.SIGNED_IN)
    user = get_user_model().objects.create_user(username="ada", password="x" * 12)
    services.response_submit(survey=survey, answers=FULL, language="ar", account=user)
    person = Person(user=user, addresses=frozenset())
    [mine] = privacy.export(person)["survey_responses"]
    assert mine["answers"]["more"] == FULL["more"] and mine["language"] == "ar"
    privacy.erase(person)
    response = Response.objects.get(survey=survey)
    assert response.account is None and response.respondent_key == ""
    survey.refresh_from_db()
    assert survey.response_count == 1


def test_drafts_and_respondent_links_expire(process, settings):
    settings.RETENTION_SURVEY_DRAFT_DAYS = 30
    running = survey_build(process, slug="running")
    ended = survey_build(process, slug="ended")
    for survey in (running, ended):
        services.response_submit(
            survey=survey, answers=FULL, language="de", key=services.respondent_key("d")
        )
    Draft.objects.create(survey=running, respondent_key="fresh")
    Draft.objects.create(
        survey=running,
        respondent_key="stale",
        changed_at=timezone.now() - timedelta(days=31),
    )
    Draft.objects.create(survey=ended, respondent_key="fresh-but-ended")
    Survey.objects.filter(pk=ended.pk).update(closed_at=timezone.now())
    said = privacy.expire()
    assert set(Draft.objects.values_list("respondent_key", flat=True)) == {"fresh"}
    assert Response.objects.get(survey=running).respondent_key != ""
    assert Response.objects.get(survey=ended).respondent_key == ""
    assert said
