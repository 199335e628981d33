"""The participation process and what it is organised by: phases, fields of action,
expert groups and advisors.

Texts that residents read are translated per field (see translation.py); German is
the source and the fallback.
"""

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField

from mitplan.organisations.models import Organisation

from . import actions

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class Process(ClusterableModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        COMPLETED = "completed", _("Completed")

    class ModerationMode(models.TextChoices):
        PRE = (
            "pre",
            _("Before publication: nothing is public before a moderator approves it"),
        )
        POST = (
            "post",
            _("After publication: contributions are public at once and reviewed"),
        )

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    mandate_reference = models.CharField(
        _("mandate"),
        max_length=200,
        blank=True,
        help_text=_('The council resolution it rests on, e.g. "Drucks. 2136/2018".'),
    )
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    status_notice = models.TextField(
        _("public notice on the status"),
        blank=True,
        help_text=_("Shown on every page of the process, e.g. why it is paused."),
    )
    status_changed_at = models.DateTimeField(
        _("status changed at"), default=timezone.now
    )
    moderation_mode = models.CharField(
        _("moderation"),
        max_length=10,
        choices=ModerationMode.choices,
        default=ModerationMode.PRE,
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("participation process")
        verbose_name_plural = _("participation processes")

    def __str__(self):
        return self.title

    @property
    def is_paused(self) -> bool:
        return self.status == self.Status.PAUSED


class ResidentActionsField(models.JSONField):
    """A list of resident action codes, edited as checkboxes of the declared actions
    and validated against them."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [actions.validate_codes])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            label=capfirst(self.verbose_name),
            choices=actions.choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=self.help_text,
        )


class Phase(models.Model):
    process = ParentalKey(
        Process,
        on_delete=models.CASCADE,
        related_name="phases",
        verbose_name=_("process"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    # What residents can do online while this phase runs: codes of the actions
    # the apps declared (processes.actions; decided in participation.py).
    actions = ResidentActionsField(
        _("Open to residents online while it runs"), default=list, blank=True
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "starts_on", "pk"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="phase_ends_after_start",
                violation_error_message=_("A phase cannot end before it starts."),
            )
        ]

    def __str__(self):
        return self.title

    def state_on(self, day) -> str:
        """'past', 'current' or 'upcoming' as seen on the given day."""
        if day < self.starts_on:
            return "upcoming"
        if self.ends_on is not None and day > self.ends_on:
            return "past"
        return "current"


class StatusChange(models.Model):
    """One entry of the public timeline: the process was started, paused, resumed..."""

    process = models.ForeignKey(
        Process,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("process"),
    )
    status = models.CharField(
        _("new status"), max_length=20, choices=Process.Status.choices
    )
    notice = models.TextField(_("public notice"), blank=True)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    # Kept for the staff audit, never shown publicly.
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    shifted_phases_by_days = models.PositiveIntegerField(
        _("remaining phases moved by (days)"), null=True, blank=True
    )

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return (
            f"{self.process}: {self.get_status_display()} ({self.changed_at:%Y-%m-%d})"
        )


class FieldOfAction(models.Model):
    class Icon(models.TextChoices):
        EDUCATION = "education", _("Education")
        ECONOMY = "economy", _("Economy")
        SOCIAL = "social", _("Social affairs")
        CITY = "city", _("City life")
        DEMOCRACY = "democracy", _("Democracy")
        ADMINISTRATION = "administration", _("City administration")
        GENERIC = "generic", _("Other")

    process = models.ForeignKey(
        Process,
        on_delete=models.CASCADE,
        related_name="fields_of_action",
        verbose_name=_("process"),
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80)
    summary = models.TextField(_("summary"), max_length=600)
    description = RichTextField(
        _("description"), blank=True, features=RICH_TEXT_FEATURES
    )
    icon = models.CharField(
        _("icon"), max_length=20, choices=Icon.choices, default=Icon.GENERIC
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "slug"],
                name="field_of_action_slug_unique_in_process",
            )
        ]

    def __str__(self):
        return self.name


class ExpertGroup(ClusterableModel):
    """The group of city staff and external experts that works on one field of action."""

    field_of_action = models.OneToOneField(
        FieldOfAction,
        on_delete=models.CASCADE,
        related_name="expert_group",
        verbose_name=_("field of action"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("expert group")
        verbose_name_plural = _("expert groups")

    def __str__(self):
        return self.name


class ExpertGroupMember(models.Model):
    group = ParentalKey(
        ExpertGroup,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("expert group"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_group_members",
        verbose_name=_("organisation"),
    )
    # An account lets the member work on the group's contributions later on.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="expert_group_memberships",
        verbose_name=_("account"),
    )
    is_listed_publicly = models.BooleanField(
        _("name shown publicly"),
        default=True,
        help_text=_("Only with the member's consent."),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("expert group member")
        verbose_name_plural = _("expert group members")

    def __str__(self):
        return self.name


language_code_validator = RegexValidator(
    r"^[a-z]{2,3}$", _("Use a language code like de or ar.")
)


class Advisor(models.Model):
    """A named contact ("Fachberater*in") residents can write to."""

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advisors",
        verbose_name=_("organisation"),
    )
    fields_of_action = models.ManyToManyField(
        FieldOfAction, related_name="advisors", verbose_name=_("fields of action")
    )
    email = models.EmailField(
        _("e-mail address"), help_text=_("Messages from the contact form go here.")
    )
    is_email_public = models.BooleanField(
        _("show e-mail address publicly"), default=False
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.JSONField(
        _("languages spoken"),
        default=list,
        blank=True,
        help_text=_(
            "Tick every language residents can write or talk in with this person."
        ),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )
    has_photo_consent = models.BooleanField(
        _("consent to publish the photo"),
        default=False,
        help_text=_("The photo is only shown with the advisor's written consent."),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("advisor")
        verbose_name_plural = _("advisors")
        constraints = [
            models.CheckConstraint(
                condition=Q(photo__isnull=True) | Q(has_photo_consent=True),
                name="advisor_photo_needs_consent",
                violation_error_message=_("A photo can only be stored with consent."),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def public_photo(self):
        return self.photo if self.has_photo_consent else None

    def get_contact_url(self):
        return reverse("contact:advisor_message", kwargs={"advisor_id": self.pk})


def _process_changed(sender, instance, **kwargs):
    from .selectors import process_changed

    process_id = instance.pk if isinstance(instance, Process) else instance.process_id
    if process_id is not None:
        process_changed(process_id)


# Pages of a process read it from the cache (selectors.process_for_pages).
for _model in (Process, Phase, StatusChange, FieldOfAction):
    models.signals.post_save.connect(
        _process_changed,
        sender=_model,
        dispatch_uid=f"process-changed-{_model.__name__}",
    )
    models.signals.post_delete.connect(
        _process_changed, sender=_model, dispatch_uid=f"process-gone-{_model.__name__}"
    )


class StaffRole(models.Model):
    """Which group holds a staff role (processes.roles): the role is known by its
    key, so staff may rename the group."""

    key = models.CharField(_("role"), max_length=40, unique=True)
    group = models.OneToOneField(
        "auth.Group",
        on_delete=models.CASCADE,
        related_name="staff_role",
        verbose_name=_("group"),
    )

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")

    def __str__(self):
        return f"{self.key}: {self.group.name}"
