"""Events of a process as Wagtail pages (an index below the process portal, one page
per event) and the registrations residents make for them.

Start and end are stored aware and entered and shown in Europe/Berlin (TIME_ZONE).
Registrations belong to the event in the site's source language (German): its
translations and aliases share one list of seats."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from mitplan.cms.blocks import BodyBlock
from mitplan.cms.selectors import process_id_above


class EventIndexPage(RoutablePageMixin, Page):
    """The events of one process: upcoming and past, and the process's calendar."""

    intro = models.TextField(_("introduction"), max_length=1000, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.ProcessPage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event list")

    @path("")
    def index(self, request):
        from . import views

        return views.event_list(request, page=self)

    @path("vergangene/")
    def past(self, request):
        from . import views

        return views.event_list(request, page=self, past=True)

    @path("kalender/")
    def calendar(self, request):
        from . import views

        return views.process_calendar(request, page=self)


class EventPage(RoutablePageMixin, Page):
    class Kind(models.TextChoices):
        KICKOFF = "kickoff", _("Kickoff")
        WORKING_MEETING = "working_meeting", _("Working meeting")
        DIALOGUE_ROUND = "dialogue_round", _("Dialogue round")
        EVALUATION_ROUND = "evaluation_round", _("Evaluation round")
        ELECTION = "election", _("Election")
        OTHER = "other", _("Other event")

    # Filled from the process portal above the page when it is saved.
    process = models.ForeignKey(
        "processes.Process",
        on_delete=models.PROTECT,
        related_name="event_pages",
        editable=False,
        null=True,
        verbose_name=_("process"),
    )
    kind = models.CharField(
        _("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    teaser = models.TextField(_("teaser"), max_length=500, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("description"))

    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_street = models.CharField(_("street and number"), max_length=200, blank=True)
    venue_postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    venue_city = models.CharField(_("city"), max_length=100, blank=True)
    online_url = models.URLField(
        _("online event link"),
        blank=True,
        help_text=_(
            "Shown only to people whose registration is confirmed: in their mail and "
            "on their personal registration page. Never on the public page."
        ),
    )

    has_step_free_access = models.BooleanField(_("step-free access"), default=False)
    has_induction_loop = models.BooleanField(_("induction loop"), default=False)
    has_sign_language = models.BooleanField(
        _("sign-language interpretation"), default=False
    )
    interpretation_languages = models.CharField(
        _("spoken-language interpretation"),
        max_length=300,
        blank=True,
        help_text=_("Into which languages, e.g. Arabic, Turkish, Russian."),
    )
    has_childcare = models.BooleanField(_("childcare"), default=False)
    accessibility_notes = models.TextField(
        _("more on accessibility"), max_length=1000, blank=True
    )

    allows_registration = models.BooleanField(_("registration"), default=False)
    registration_opens_at = models.DateTimeField(
        _("registration opens at"), null=True, blank=True
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes at"),
        null=True,
        blank=True,
        help_text=_("Empty: when the event starts."),
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    has_waiting_list = models.BooleanField(_("waiting list"), default=True)

    report = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("report"),
        help_text=_("What happened, written afterwards."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("teaser"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_street"),
                FieldRowPanel(
                    [FieldPanel("venue_postal_code"), FieldPanel("venue_city")]
                ),
                FieldPanel("online_url"),
            ],
            heading=_("Venue"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("has_step_free_access"),
                FieldPanel("has_induction_loop"),
                FieldPanel("has_sign_language"),
                FieldPanel("interpretation_languages"),
                FieldPanel("has_childcare"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Accessibility"),
        ),
    ]
    registration_panels = [
        FieldPanel("allows_registration"),
        FieldRowPanel(
            [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
        ),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("has_waiting_list")]),
    ]
    report_panels = [
        FieldPanel("report"),
        InlinePanel("photos", label=_("Photos")),
        InlinePanel("results", label=_("Results of the dialogue rounds")),
        InlinePanel("downloads", label=_("Downloads")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(registration_panels, heading=_("Registration")),
            ObjectList(
                report_panels,
                heading=pgettext_lazy("what happened at an event", "Report"),
            ),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    # The report's dialogue results and photo captions are found by the site search.
    search_fields = [
        *Page.search_fields,
        index.RelatedFields(
            "results", [index.SearchField("topic"), index.SearchField("outcomes")]
        ),
        index.RelatedFields("photos", [index.SearchField("caption")]),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event must end after it starts.")})
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            raise ValidationError(
                {"registration_closes_at": _("Registration must close after it opens.")}
            )

    def save(self, *args, **kwargs):
        if self.path:  # derived from the place in the tree, so a move follows
            self.process_id = process_id_above(self)
        return super().save(*args, **kwargs)

    def search_date(self):
        """The date a search result shows: when the event takes place."""
        return self.starts_at

    @property
    def has_venue(self) -> bool:
        return bool(self.venue_name or self.venue_street or self.venue_city)

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    def is_past(self, now=None) -> bool:
        return self.ends_at < (now or timezone.now())

    def source_event(self) -> "EventPage":
        """The event in the site's source language, which holds the registrations
        (a translation or an alias of it shares them)."""
        from wagtail.models import Locale

        if self.locale_id == Locale.get_default().pk and self.alias_of_id is None:
            return self
        source = (
            EventPage.objects.filter(
                translation_key=self.translation_key,
                locale=Locale.get_default(),
                alias_of__isnull=True,
            ).first()
            or self
        )
        return source

    # --- Addresses below the page (dotless: the site serves no "….ics") ------------

    @path("")
    def detail(self, request):
        from . import views

        return views.event_detail(request, page=self)

    @path("kalender/")
    def calendar(self, request):
        from . import views

        return views.event_calendar(request, page=self)

    @path("angemeldet/")
    def registered(self, request):
        from . import views

        return views.registration_sent(request, page=self)

    @path("bestaetigen/<str:token>/")
    def confirm(self, request, token):
        from . import views

        return views.registration_confirm(request, page=self, token=token)

    @path("anmeldung/<str:token>/")
    def registration(self, request, token):
        from . import views

        return views.registration_detail(request, page=self, token=token)


class EventPhoto(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=300,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"), max_length=200, help_text=_("Who took the photo (©).")
    )

    panels = [
        FieldPanel("image"),
        FieldPanel("alt_text"),
        FieldPanel("caption"),
        FieldPanel("credit"),
    ]


class DialogueResult(Orderable):
    """What one table of a dialogue round found (the kickoff had seven)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="results")
    topic = models.CharField(_("topic"), max_length=200)
    host = models.CharField(_("table host"), max_length=200, blank=True)
    outcomes = models.TextField(
        _("outcomes"), max_length=5000, help_text=_("One outcome per line.")
    )

    panels = [FieldPanel("topic"), FieldPanel("host"), FieldPanel("outcomes")]

    def outcome_lines(self) -> list[str]:
        return [line.strip() for line in self.outcomes.splitlines() if line.strip()]


class EventDownload(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="downloads")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Empty: the file's title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]


def _token() -> str:
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet):
    def seated(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING)


class Registration(models.Model):
    """A person's registration for an event, without an account. It takes a seat
    only once confirmed from the mail (double opt-in); when the seats are taken it
    waits and moves up when someone cancels."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Not confirmed yet")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), max_length=254)
    needs = models.TextField(_("needs"), max_length=1000, blank=True)
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    submission_key = models.CharField(max_length=200, null=True, blank=True)
    submission_digest = models.CharField(max_length=64, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["confirmed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"], name="registration_once_per_address"
            ),
            models.UniqueConstraint(
                fields=["submission_key"], name="registration_submission_key_once"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"
