"""Responses count exactly when many people send at once: real threads, each with
its own connection and its own committed transactions, against PostgreSQL. Every
thread waits at a barrier, so they send together rather than one after another."""

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext

from conftest import staff_member
from mitplan.core.submissions import Saved
from mitplan.core.tests.threads import committed, in_threads
from mitplan.processes.roles import PROCESS_OWNERS
from mitplan.surveys import services, tallies
from mitplan.surveys.answers import Definition
from mitplan.surveys.models import AccessCode, Response, Survey

from .factories import FULL, survey_build

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite's in-memory test database takes one writer at a time",
    ),
]


@pytest.fixture
def survey(process):
    survey = committed(lambda: survey_build(process, slug="at-once"))
    yield survey
    committed(lambda: Survey.objects.filter(pk=survey.pk).delete())


def answers_of(n: int) -> dict:
    """Different answers per person, so that many tallies are shared and many not."""
    answers = {
        **FULL,
        "pick": "abc"[n % 3],
        "scale": n % 5 + 1,
        "many": [["a"], ["b", "c"], ["a", "c"]][n % 3],
        "order": [["a", "b", "c"], ["c", "a", "b"]][n % 2],
        "age": str(18 + n),
    }
    if answers["pick"] != "a":
        answers.pop("why")
    return answers


def counts(survey):
    """(response_count, rows, tallies as a recount computes them, as stored)."""

    def read():
        fresh = Survey.objects.get(pk=survey.pk)
        responses = Response.objects.filter(survey=survey)
        return (
            fresh.response_count,
            responses.count(),
            dict(
                tallies.computed(
                    Definition.of(fresh),
                    responses.values_list("answers", "language", "source"),
                )
            ),
            tallies.stored(survey.pk),
        )

    return committed(read)


def test_twenty_people_at_once_count_exactly(survey):
    languages = ["de", "ar", "tr", "uk"]
    outcomes = in_threads(
        *[
            lambda n=n: services.response_submit(
                survey=survey,
                answers=answers_of(n),
                language=languages[n % 4],
                key=services.respondent_key(f"device-{n}"),
                submission_key=f"form-{n}",
            )
            for n in range(20)
        ]
    )
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert not errors, errors
    assert [saved for _response, saved in outcomes] == [Saved.CREATED] * 20
    response_count, rows, computed, stored = counts(survey)
    assert response_count == rows == 20
    assert stored == {key: n for key, n in computed.items() if n}
    assert stored[("", "@responses", "online", "", "")] == 20
    assert stored[("pick", "@answered", "online", "", "")] == 20


@pytest.fixture
def owner():
    """A process owner whose account the sending threads can see."""
    from django.contrib.auth import get_user_model

    owner = committed(lambda: staff_member("owner-at-once", PROCESS_OWNERS))
    yield owner
    committed(lambda: get_user_model().objects.filter(pk=owner.pk).delete())


def test_ten_people_with_one_access_code_store_one_response(survey, owner):
    def code_survey():
        Survey.objects.filter(pk=survey.pk).update(audience=Survey.Audience.ACCESS_CODE)
        return services.access_codes_create(
            survey=survey, count=1, group="", actor=owner
        )

    [code] = committed(code_survey)
    outcomes = in_threads(
        *[
            lambda n=n: services.response_submit(
                survey=survey,
                answers=answers_of(n),
                language="de",
                # Each finds the code on its own device, as the view does.
                access_code=AccessCode.objects.get(pk=code.pk),
            )
            for n in range(10)
        ]
    )
    stored = [o for o in outcomes if not isinstance(o, Exception)]
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(stored) == 1 and stored[0][1] is Saved.CREATED
    assert len(refused) == 9
    for refusal in refused:
        assert isinstance(refusal, services.SurveyRefused), refusal
        assert refusal.code == "code_used"
        # Said in the site's language (threads run in LANGUAGE_CODE).
        with translation.override(settings.LANGUAGE_CODE):
            said = gettext("This access code has been used already.")
        assert refusal.messages[0] == said
    response_count, rows, computed, tallied = counts(survey)
    assert response_count == rows == 1
    assert tallied == {key: n for key, n in computed.items() if n}
    assert committed(lambda: AccessCode.objects.get(pk=code.pk).used_at) is not None


def test_the_same_form_sent_from_several_threads_stores_one_response(survey):
    """A double click, a resend and a second tab at once: one device, one form key."""
    key = services.respondent_key("one-device")
    outcomes = in_threads(
        *[
            lambda: services.response_submit(
                survey=survey,
                answers=answers_of(1),
                language="de",
                key=key,
                submission_key="one-form",
            )
        ]
        * 8
    )
    sent = [o for o in outcomes if not isinstance(o, Exception)]
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert [saved for _response, saved in sent].count(Saved.CREATED) == 1
    # The others get the first response back, or (when they looked before it was
    # committed and again after) are told the device answered already.
    assert {saved for _response, saved in sent} <= {Saved.CREATED, Saved.RESENT}
    assert len({response.pk for response, _saved in sent}) == 1
    assert all(
        isinstance(r, services.SurveyRefused) and r.code == "answered" for r in refused
    ), refused
    response_count, rows, computed, stored = counts(survey)
    assert response_count == rows == 1
    assert stored == {key: n for key, n in computed.items() if n}
