import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mitplan.contributions.models import Contribution


def _token() -> str:
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    """An e-mail address that asked for news on one contribution. It gets mail only
    after confirming (double opt-in) and is deleted on unsubscribing."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="subscriptions"
    )
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Given with the contribution by whoever sent it: only this address learns the
    # moderation's reason for not publishing it.
    is_author = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "email"], name="subscription_once_per_address"
            )
        ]

    def __str__(self):
        return f"{self.email} → {self.contribution_id}"
