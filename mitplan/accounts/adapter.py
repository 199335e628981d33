"""django-allauth, told the platform's own name: its mails say "mitplan" (or the
configured SITE_NAME and host), not whatever host the request came in on; and no
address gets more account mails than a person could want, whoever asks."""

import logging
from types import SimpleNamespace
from urllib.parse import urlparse

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from mitplan.core import ratelimits
from mitplan.core.addresses import UnusableAddress, canonical_email, clean_email
from mitplan.core.forms import shows_nothing
from mitplan.core.ratelimits import Limit

logger = logging.getLogger("mitplan.security")


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        # Sign-up, password reset and added addresses: the one spelling per
        # mailbox that the residents' forms use (core.addresses), so an account
        # cannot be had twice for one mailbox nor mail sent to an address literal.
        email = super().clean_email(email)
        if any(shows_nothing(char) for char in email):
            raise ValidationError(validate_email.message, code="invalid")
        return clean_email(email)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Signing up with a stranger's address (from any browser) sends them a mail
        # each time ("confirm" or "you have an account already"). Past the limit the
        # mail is not sent; the page cannot say so without telling who has an
        # account, so the log does.
        try:
            mailbox = canonical_email(email)
        except UnusableAddress:
            mailbox = (email or "").lower()
        limits = [
            Limit.per_target(group, mailbox, rate)
            for group, rate in (
                ("accounts.mail.hour", settings.ACCOUNT_MAIL_RATE_HOUR),
                ("accounts.mail.day", settings.ACCOUNT_MAIL_RATE_DAY),
            )
        ]
        if not ratelimits.hit(*limits):
            logger.warning(
                "Account mail (%s) not sent: address over its limit.", template_prefix
            )
            return
        site = SimpleNamespace(
            name=settings.SITE_NAME, domain=urlparse(settings.SITE_URL).netloc
        )
        super().send_mail(template_prefix, email, {"current_site": site, **context})


def user_display(user) -> str:
    return user.email or user.get_username()
