"""django-allauth, told the platform's own name: its mails say "mitplan" (or the
configured SITE_NAME and host), not whatever host the request came in on."""

from types import SimpleNamespace
from urllib.parse import urlparse

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        site = SimpleNamespace(
            name=settings.SITE_NAME, domain=urlparse(settings.SITE_URL).netloc
        )
        super().send_mail(template_prefix, email, {"current_site": site, **context})


def user_display(user) -> str:
    return user.email or user.get_username()
