import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _token() -> str:
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    """An e-mail address that asked for news on one thing (a topic such as
    "contribution:41"; apps register the kinds, see topics.py). It gets mail only
    after confirming (double opt-in) and is deleted on unsubscribing."""

    topic = models.CharField(_("topic"), max_length=100)
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Given together with the thing by whoever made it (a contribution's author on
    # its form): only this address learns what is meant for the author alone.
    is_author = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "email"], name="subscription_once_per_topic"
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.topic}"
