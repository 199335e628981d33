"""Ideas, wishes and critiques residents send to a field of action, and what became
of each: moderation, the expert group it went to, and the group's public statement.

Counters (supports, comments) are kept on the contribution and changed in the same
transaction as the row they count, so lists never count rows per view.
"""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mitplan.processes.models import ExpertGroup, FieldOfAction, Process
from mitplan.processes.portal import url_below_portal

from .languages import known_language, language_choices

TITLE_MAX_LENGTH = 120
TEXT_MAX_LENGTH = 5000


class Tag(models.Model):
    """A label the process defines, e.g. a city district or a target group."""

    process = models.ForeignKey(
        Process,
        on_delete=models.CASCADE,
        related_name="tags",
        verbose_name=_("process"),
    )
    group = models.CharField(
        _("group"), max_length=80, help_text=_('e.g. "City district" or "Target group"')
    )
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["group", "sort_order", "name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "slug"], name="tag_slug_unique_in_process"
            )
        ]

    def __str__(self):
        return f"{self.group}: {self.name}"


class ContributionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(moderation_state=Contribution.Moderation.PUBLISHED)


class Contribution(models.Model):
    class Kind(models.TextChoices):
        IDEA = "idea", _("Idea")
        WISH = "wish", _("Wish")
        CRITIQUE = "critique", _("Critique")

    class Moderation(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        MERGED = "merged", _("Merged into another contribution")

    class Processing(models.TextChoices):
        RECEIVED = "received", _("Received")
        WITH_EXPERT_GROUP = "with_expert_group", _("With the expert group")
        ANSWERED = "answered", _("Answered")

    class Source(models.TextChoices):
        ONLINE = "online", _("Online")
        OFFLINE = "offline", _("Collected offline")

    process = models.ForeignKey(
        Process,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("process"),
    )
    field_of_action = models.ForeignKey(
        FieldOfAction,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("field of action"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    text = models.TextField(
        _("text"),
        max_length=TEXT_MAX_LENGTH,
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
    )
    # The language it was written in; a contribution is never machine-translated in place.
    # A known code only (see languages.py): the model's choices for forms and
    # services, a constraint for every other path.
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="contributions", verbose_name=_("tags")
    )

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("author"),
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=60, blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.ONLINE
    )
    source_note = models.CharField(
        _("where it was collected"),
        max_length=200,
        blank=True,
        help_text=_('For offline input, e.g. "Kickoff, dialogue round 3".'),
    )

    moderation_state = models.CharField(
        _("moderation"),
        max_length=20,
        choices=Moderation.choices,
        default=Moderation.PENDING,
    )
    moderation_reason = models.TextField(
        _("reason given to the author"), max_length=2000, blank=True
    )
    edit_note = models.CharField(
        _("public note on an edit by the moderation"), max_length=300, blank=True
    )
    # A merged duplicate only redirects to its target; it goes when the target goes.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="merged_contributions",
        verbose_name=_("merged into"),
    )
    processing_state = models.CharField(
        _("processing"),
        max_length=30,
        choices=Processing.choices,
        default=Processing.RECEIVED,
    )
    expert_group = models.ForeignKey(
        ExpertGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("expert group"),
    )

    support_count = models.PositiveIntegerField(_("supports"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    # A resent form (double click, reload) carries the same key and creates nothing new.
    submission_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    # What the form carried, to tell a resend of it from other content under the key.
    submission_digest = models.CharField(max_length=64, blank=True, editable=False)

    created_at = models.DateTimeField(
        _("received at"), default=timezone.now, db_index=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [
            models.Index(
                fields=["process", "moderation_state", "-published_at", "-id"],
                name="contribution_list_newest",
            ),
            # The sort columns, then the tie-breakers, so a page of ids is read from
            # the index alone.
            models.Index(
                fields=[
                    "process",
                    "moderation_state",
                    "-support_count",
                    "-published_at",
                    "-id",
                ],
                name="contribution_list_supported",
            ),
            models.Index(
                fields=[
                    "process",
                    "moderation_state",
                    "-comment_count",
                    "-published_at",
                    "-id",
                ],
                name="contribution_list_discussed",
            ),
            # The open data API lists across processes.
            models.Index(
                fields=["moderation_state", "-published_at", "-id"],
                name="contribution_all_newest",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(moderation_state="merged") | Q(merged_into__isnull=False),
                name="contribution_merged_has_target",
            ),
            models.CheckConstraint(
                condition=known_language(), name="contribution_language_known"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The contribution's page below its process portal, in the active language."""
        return url_below_portal(self.process, "contribution_detail", self.pk)

    @property
    def is_public(self) -> bool:
        return self.moderation_state == self.Moderation.PUBLISHED

    @property
    def public_statement(self):
        """The published statement, or None (never raises, so templates can ask)."""
        try:
            statement = self.statement
        except Statement.DoesNotExist:
            return None
        return statement if statement.is_published else None

    @property
    def author_name(self) -> str:
        return self.pseudonym


class Support(models.Model):
    """One person's support: per account, or per signed browser token when anonymous."""

    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.CASCADE,
        related_name="supports",
        verbose_name=_("contribution"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # A hash of the anonymous visitor's signed token; the token itself stays in the browser.
    token_hash = models.CharField(max_length=64, blank=True, null=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "user"],
                condition=Q(user__isnull=False),
                name="support_once_per_account",
            ),
            models.UniqueConstraint(
                fields=["contribution", "token_hash"],
                condition=Q(token_hash__isnull=False),
                name="support_once_per_token",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(token_hash__isnull=False),
                name="support_has_a_supporter",
            ),
        ]

    def __str__(self):
        return f"+1 → {self.contribution_id}"


class Statement(models.Model):
    """The expert group's public answer: what it did with the contribution, and why."""

    class Outcome(models.TextChoices):
        TAKEN = "taken", _("Taken into the draft")
        PARTLY = "partly", _("Partly taken into the draft")
        NOT_TAKEN = "not_taken", _("Not taken into the draft")
        COVERED = "covered", _("Already covered elsewhere")

    contribution = models.OneToOneField(
        Contribution,
        on_delete=models.CASCADE,
        related_name="statement",
        verbose_name=_("contribution"),
    )
    expert_group = models.ForeignKey(
        ExpertGroup,
        on_delete=models.PROTECT,
        related_name="statements",
        verbose_name=_("expert group"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    text = models.TextField(
        _("statement"), max_length=5000, validators=[MaxLengthValidator(5000)]
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    drafted_at = models.DateTimeField(_("drafted at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.contribution}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class HistoryEntry(models.Model):
    """One step of a contribution's public processing history."""

    class Step(models.TextChoices):
        RECEIVED = "received", _("Received")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected by the moderation")
        EDITED = "edited", _("Edited by the moderation")
        MERGED = "merged", _("Merged")
        FORWARDED = "forwarded", _("Forwarded to the expert group")
        ANSWERED = "answered", _("Statement published")

    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.CASCADE,
        related_name="history",
        verbose_name=_("contribution"),
    )
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    expert_group = models.ForeignKey(
        ExpertGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    # Kept for the staff audit, never shown publicly.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history entries")

    def __str__(self):
        return f"{self.get_step_display()} ({self.at:%Y-%m-%d})"


def _tags_changed(sender, instance, **kwargs):
    from django.core.cache import cache

    from mitplan.core.caching import forget_now_and_after_commit

    key = f"contributions:tags:{instance.process_id}"
    forget_now_and_after_commit(lambda: cache.delete(key))


models.signals.post_save.connect(
    _tags_changed, sender=Tag, dispatch_uid="contribution-tags-saved"
)
models.signals.post_delete.connect(
    _tags_changed, sender=Tag, dispatch_uid="contribution-tags-gone"
)


def _list_changed(sender, instance, **kwargs):
    """Contribution lists count matches per filter; a change here starts them afresh."""
    from mitplan.core.caching import forget_now_and_after_commit

    from .selectors import list_changed

    process_id = getattr(instance, "process_id", None)
    if process_id is None:  # a statement
        process_id = (
            Contribution.objects.filter(pk=instance.contribution_id)
            .values_list("process_id", flat=True)
            .first()
        )
    if process_id is not None:  # else its contribution's own deletion counts
        forget_now_and_after_commit(lambda: list_changed(process_id))


for _model in (Contribution, Statement):
    models.signals.post_save.connect(
        _list_changed, sender=_model, dispatch_uid=f"list-changed-{_model.__name__}"
    )
    models.signals.post_delete.connect(
        _list_changed, sender=_model, dispatch_uid=f"list-gone-{_model.__name__}"
    )
models.signals.m2m_changed.connect(
    _list_changed, sender=Contribution.tags.through, dispatch_uid="list-tags-changed"
)
