"""Updates by e-mail: an address the account has confirmed needs no second opt-in."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase

from mitplan.contributions.tests.factories import ContributionFactory
from mitplan.notifications.services import subscription_request

pytestmark = pytest.mark.django_db


def test_a_verified_account_address_is_confirmed_at_once():
    user = get_user_model().objects.create_user(username="ada", email="ada@example.org")
    EmailAddress.objects.create(user=user, email="ada@example.org", verified=True)
    contribution = ContributionFactory()
    mine = subscription_request(
        contribution=contribution, email="Ada@example.org", language="de", user=user
    )
    assert mine.confirmed_at is not None and not mail.outbox
    # Another address, or the same one without the account, still confirms first.
    with TestCase.captureOnCommitCallbacks(execute=True):
        other = subscription_request(
            contribution=contribution, email="bob@example.org", language="de", user=user
        )
    assert other.confirmed_at is None and len(mail.outbox) == 1
