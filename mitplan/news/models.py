"""News: articles and status notices, as Wagtail pages.

A `NewsIndexPage` lists the articles below it; one below the home page carries the
news of every process, one below a process's portal that process's. An
`ArticlePage` belongs to the process of its index (none for the home page's); that
is derived from its place in the tree, never typed in. An article of kind "notice"
is shown on every page of its process while it is live, not withdrawn and not past
its end (see `selectors.current_notices`)."""

from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from mitplan.cms.blocks import BodyBlock
from mitplan.cms.selectors import process_id_above
from mitplan.core.panels import translated_panels


class Category(models.Model):
    """A theme articles are filed under ("Umfrage", "Veranstaltungen"); its name is
    translated like the process's data (name_de, name_en, …)."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [*translated_panels("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self):
        return self.name


class NewsIndexPage(RoutablePageMixin, Page):
    """The news of one process (below its portal) or of all (below the home page)."""

    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    # Derived from the place in the tree (the portal's process), not typed in.
    process = models.ForeignKey(
        "processes.Process",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="news_indexes",
        verbose_name=_("process"),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage", "cms.ProcessPage"]
    subpage_types = ["news.ArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news")

    def save(self, *args, **kwargs):
        if self.path:
            self.process_id = process_id_above(self)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from . import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.index_context(request, self))
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("atom/", name="feed_atom")
    def feed_atom(self, request):
        from . import feeds

        return feeds.AtomFeed()(request, page=self)

    @path("rss/", name="feed_rss")
    def feed_rss(self, request):
        from . import feeds

        return feeds.RssFeed()(request, page=self)


class ArticlePage(Page):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        NOTICE = "notice", _("Status notice")

    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.ARTICLE,
        help_text=_(
            "A status notice is shown on every page of its process until it is "
            "withdrawn or its end has passed."
        ),
    )
    teaser = models.TextField(
        _("teaser"),
        max_length=300,
        validators=[MaxLengthValidator(300)],
        help_text=_("One or two plain sentences: shown in lists, feeds and notices."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("content"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("teaser image"),
    )
    image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    image_credit = models.CharField(
        _("credit"),
        max_length=120,
        blank=True,
        help_text=_("Who holds the rights, e.g. “© City of Example”."),
    )
    dated_on = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("The date readers see. Empty: the day it was first published."),
    )
    categories = ParentalManyToManyField(
        Category, blank=True, related_name="articles", verbose_name=_("categories")
    )
    is_withdrawn = models.BooleanField(
        _("withdrawn"),
        default=False,
        help_text=_(
            "A withdrawn status notice is no longer shown on every page; it stays "
            "readable in the news, marked as withdrawn."
        ),
    )
    notice_ends_at = models.DateTimeField(
        _("show on every page until"),
        null=True,
        blank=True,
        help_text=_("Status notices only. Empty: until withdrawn."),
    )
    # Derived from the index page above (its process), not typed in.
    process = models.ForeignKey(
        "processes.Process",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="articles",
        verbose_name=_("process"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("teaser"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_credit")],
            heading=_("Teaser image"),
        ),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("dated_on"), FieldPanel("categories")]),
        MultiFieldPanel(
            [FieldPanel("is_withdrawn"), FieldPanel("notice_ends_at")],
            heading=_("Status notice"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        indexes = [models.Index(fields=["kind", "is_withdrawn"])]

    def clean(self):
        super().clean()
        errors = {}
        if self.image_id:
            if not self.image_alt.strip():
                errors["image_alt"] = _(
                    "Say what the image shows: people who cannot see it read this."
                )
            if not self.image_credit.strip():
                errors["image_credit"] = _(
                    "Name who holds the rights to the image (e.g. “© City of Example”)."
                )
        if self.notice_ends_at and self.kind != self.Kind.NOTICE:
            errors["notice_ends_at"] = _("Only a status notice is shown until a date.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.path:
            self.process_id = process_id_above(self)
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from . import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.article_context(request, self))
        return context

    def search_date(self):
        """The date a search result shows: the article's own date, as its list does."""
        if self.dated_on:
            return timezone.make_aware(
                datetime.combine(self.dated_on, time(12)),
                timezone.get_default_timezone(),
            )
        return self.first_published_at

    @property
    def is_notice(self) -> bool:
        return self.kind == self.Kind.NOTICE

    @property
    def shown_on(self):
        """The date readers see: the one staff set, else the first publication's."""
        if self.dated_on:
            return self.dated_on
        published = self.first_published_at or self.latest_revision_created_at
        return timezone.localdate(published) if published else None

    def is_current_notice(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.is_notice
            and self.live
            and not self.is_withdrawn
            and (self.notice_ends_at is None or self.notice_ends_at > now)
        )
