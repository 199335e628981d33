from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from mitplan.comments.models import Comment
from mitplan.contributions.models import Contribution


class Report(models.Model):
    """A resident's report of abusive content, worked through by moderators."""

    class Reason(models.TextChoices):
        INSULT = "insult", _("Insulting or discriminating")
        SPAM = "spam", _("Advertising or spam")
        PERSONAL_DATA = "personal_data", _("Reveals personal data")
        ILLEGAL = "illegal", _("Otherwise unlawful")
        OTHER = "other", _("Something else")

    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("contribution"),
    )
    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("comment"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    explanation = models.TextField(_("explanation"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.CharField(_("what was done"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]
        # "Reports" alone would clash with Wagtail's own reports menu.
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        constraints = [
            models.CheckConstraint(
                condition=(Q(contribution__isnull=False) & Q(comment__isnull=True))
                | (Q(contribution__isnull=True) & Q(comment__isnull=False)),
                name="report_about_one_thing",
            )
        ]

    def __str__(self):
        at = date_format(timezone.localtime(self.created_at), "SHORT_DATE_FORMAT")
        return f"{self.get_reason_display()} ({at})"
