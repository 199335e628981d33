from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mitplan.contributions.languages import known_language, language_choices
from mitplan.contributions.models import Contribution

COMMENT_MAX_LENGTH = 2000


class CommentQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False)


class Comment(models.Model):
    """A comment on a contribution, or a reply to one (one level deep)."""

    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("contribution"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("author"),
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=60, blank=True)
    text = models.TextField(
        _("text"),
        max_length=COMMENT_MAX_LENGTH,
        validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)],
    )
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    is_hidden = models.BooleanField(_("hidden by the moderation"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    submission_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    submission_digest = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=known_language(), name="comment_language_known"
            )
        ]

    def __str__(self):
        return self.text[:60]
