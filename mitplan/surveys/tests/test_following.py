"""Following a survey's results by e-mail: asked on a small page, confirmed by
mail, and told when interim and final results are published."""

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from mitplan.notifications.models import Subscription
from mitplan.surveys import following, services

from .factories import FULL, survey_build

pytestmark = pytest.mark.django_db

URL = "/de/lip/umfragen/test-survey/ergebnisse/folgen/"


def test_the_page_asks_for_an_address_and_refuses_a_bad_one(client, process):
    survey_build(process)
    page = client.get(URL)
    assert page.status_code == 200
    assert 'name="email"' in page.content.decode()
    bad = client.post(URL, {"email": "kein\x00mail"})
    assert bad.status_code == 400
    assert 'id="form-errors"' in bad.content.decode()
    assert not Subscription.objects.exists()


def test_asking_sends_one_confirmation_and_stores_the_address(client, process):
    survey = survey_build(process)
    with TestCase.captureOnCommitCallbacks(execute=True):
        sent = client.post(URL, {"email": "Leser@Example.org"})
    assert sent.status_code == 302 and sent["Location"].endswith("?done=1#done")
    subscription = Subscription.objects.get()
    assert subscription.topic == following.topic(survey)
    assert subscription.email == "leser@example.org"
    assert len(mail.outbox) == 1 and "Testumfrage" in mail.outbox[0].body


def test_followers_hear_of_interim_and_final_results(process, process_owner):
    survey = survey_build(process, are_results_public=False)
    Subscription.objects.create(
        topic=following.topic(survey),
        email="folgt@example.org",
        language="en",
        confirmed_at=timezone.now(),
    )
    services.response_submit(
        survey=survey, answers=FULL, language="de", key=services.respondent_key("a")
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        survey.are_results_public = True
        survey.save()
        services.results_published(survey)
    assert len(mail.outbox) == 1
    assert "interim results published" in mail.outbox[0].subject
    assert "/en/lip/umfragen/test-survey/ergebnisse/" in mail.outbox[0].body
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.survey_close(survey=survey, actor=process_owner)
    assert len(mail.outbox) == 2
    assert "final results published" in mail.outbox[1].subject


def test_a_deleted_survey_forgets_its_followers(process):
    from mitplan.notifications.topics import resolve

    survey = survey_build(process)
    topic = following.topic(survey)
    Subscription.objects.create(
        topic=topic,
        email="folgt@example.org",
        language="de",
        confirmed_at=timezone.now(),
    )
    survey.delete()
    assert resolve(topic).thing is None
    assert not Subscription.objects.filter(topic=topic).exists()
