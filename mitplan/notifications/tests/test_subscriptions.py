"""Updates by e-mail: an address the account has confirmed needs no second opt-in."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase
from django.utils.timezone import now

from mitplan.contributions.following import topic
from mitplan.contributions.tests.factories import ContributionFactory
from mitplan.notifications.services import subscription_request

pytestmark = pytest.mark.django_db


def test_a_verified_account_address_is_confirmed_at_once():
    user = get_user_model().objects.create_user(username="ada", email="ada@example.org")
    EmailAddress.objects.create(user=user, email="ada@example.org", verified=True)
    contribution = ContributionFactory()
    mine = subscription_request(
        topic=topic(contribution), email="Ada@example.org", language="de", user=user
    )
    assert mine.confirmed_at is not None and not mail.outbox
    # Another address, or the same one without the account, still confirms first.
    with TestCase.captureOnCommitCallbacks(execute=True):
        other = subscription_request(
            topic=topic(contribution), email="bob@example.org", language="de", user=user
        )
    assert other.confirmed_at is None and len(mail.outbox) == 1


def test_the_mail_cap_holds_for_every_caller_of_the_service(settings):
    """The cap lives where the mail is sent, not in one view: a service call over
    it stores nothing and sends nothing."""
    from django.core import mail as outbox

    from mitplan.contributions.tests.factories import ContributionFactory
    from mitplan.core.ratelimits import LimitReached
    from mitplan.notifications.models import Subscription
    from mitplan.notifications.services import subscription_request

    settings.CONFIRMATION_MAIL_RATE_HOUR = "2/h"
    outbox.outbox.clear()
    for _n in range(2):
        subscription_request(
            topic=topic(ContributionFactory()), email="cap@example.org", language="de"
        )
    with pytest.raises(LimitReached):
        subscription_request(
            topic=topic(ContributionFactory()), email="cap@example.org", language="de"
        )
    assert Subscription.objects.filter(email="cap@example.org").count() == 2


def test_the_mail_cap_holds_whatever_spelling_of_the_address(settings):
    """Full-width letters, upper case and a Unicode or xn-- domain reach one mailbox:
    they count under one cap and make one subscription per contribution."""
    from mitplan.core.ratelimits import LimitReached
    from mitplan.notifications.models import Subscription

    settings.CONFIRMATION_MAIL_RATE_HOUR = "3/h"
    contribution = ContributionFactory()
    spellings = [
        "ada@bücher.example",
        "ＡＤＡ＠ＢÜＣＨＥＲ．ＥＸＡＭＰＬＥ",
        "Ada@xn--bcher-kva.example",
    ]
    for spelling in spellings:
        subscription_request(topic=topic(contribution), email=spelling, language="de")
    assert list(Subscription.objects.values_list("email", flat=True)) == [
        "ada@bücher.example"
    ]
    with pytest.raises(LimitReached):
        subscription_request(
            topic=topic(ContributionFactory()),
            email="ada@BÜCHER。example",
            language="de",
        )


def test_a_topic_that_is_gone_takes_its_followers_and_mails_no_one(db):
    """Subscriptions name their topic without a foreign key: the app whose thing is
    deleted forgets the followers, and a topic no app knows mails nobody."""
    from mitplan.notifications.models import Subscription
    from mitplan.notifications.services import subscribers_notify

    contribution = ContributionFactory()
    followed = topic(contribution)
    Subscription.objects.create(
        topic=followed, email="a@example.org", language="de", confirmed_at=now()
    )
    Subscription.objects.create(
        topic="nothing-registered:1", email="b@example.org", language="de"
    )
    contribution.delete()
    assert not Subscription.objects.filter(topic=followed).exists()
    assert subscribers_notify(topic="nothing-registered:1", step="x") == 0


def test_a_decomposed_umlaut_is_the_same_address(db):
    """ "ü" typed as u + combining diaeresis (macOS, some phones) is accepted and is
    the same mailbox as "ü"."""
    from mitplan.contributions.forms import SubscribeForm

    form = SubscribeForm({"email": "Ada@bu\u0308cher.example"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["email"] == "ada@bücher.example"


def test_a_topic_with_an_odd_number_is_no_thing_and_no_error(client, db):
    from mitplan.notifications.models import Subscription

    subscription = Subscription.objects.create(
        topic="contribution:²", email="a@example.org", language="de"
    )
    response = client.get(f"/de/benachrichtigungen/{subscription.token}/bestaetigen/")
    assert response.status_code == 200
