"""A comment keeps the language it is written in, not the page's it was sent from,
and only as a known code."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mitplan.comments.models import Comment
from mitplan.comments.services import comment_add
from mitplan.contributions.forms import new_submission_key
from mitplan.contributions.tests.factories import ContributionFactory
from mitplan.core.spam import FreshTimestampInput

pytestmark = pytest.mark.django_db


def comment_on(client, contribution, text, *, lang):
    client.post(
        f"/{lang}/lip/beitraege/{contribution.pk}/kommentieren/",
        {
            "text": text,
            "started": FreshTimestampInput().format_value(None),
            "submission": new_submission_key(),
        },
    )
    return Comment.objects.get(contribution=contribution, text=text)


def test_a_german_comment_on_the_arabic_page_is_german(client):
    contribution = ContributionFactory()
    text = "Gute Idee, unterstütze ich! Sprachkurse am Abend helfen Berufstätigen."
    assert comment_on(client, contribution, text, lang="ar").language == "de"


def test_a_farsi_comment_on_the_arabic_page_is_farsi(client):
    contribution = ContributionFactory()
    text = "ایده خوبی است، من حمایت می‌کنم!"
    assert comment_on(client, contribution, text, lang="ar").language == "fa"


def test_a_comment_that_says_nothing_takes_the_page_language(client):
    contribution = ContributionFactory()
    assert comment_on(client, contribution, "👍👍 +1", lang="uk").language == "uk"


@pytest.mark.parametrize("code", ["zz", "<b>x</b>", ""])
def test_the_service_refuses_an_unknown_language_code(code):
    contribution = ContributionFactory()
    with pytest.raises(ValidationError) as refused:
        comment_add(contribution=contribution, text="Gute Idee!", language=code)
    assert "language" in refused.value.message_dict
    assert not contribution.comments.exists()


def test_the_database_refuses_an_unknown_code_on_any_other_path():
    comment, _created = comment_add(
        contribution=ContributionFactory(), text="Gute Idee!", language="de"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=comment.pk).update(language="zz")
