"""Editorial pages. German is the source; wagtail-localize keeps a tree per language
and shows the German page (an alias) where a translation is missing."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from mitplan.contact import views as contact_views
from mitplan.processes import views as process_views
from mitplan.processes.portal import panels_for, portal_urls

from .blocks import BodyBlock
from .mixins import PlainLanguageMixin, SharingImageMixin


class HomePage(PlainLanguageMixin, SharingImageMixin, Page):
    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("content"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = [
        *Page.promote_panels,
        *PlainLanguageMixin.plain_language_panels,
        *SharingImageMixin.sharing_panels,
    ]
    subpage_types = [
        "cms.ProcessPage",
        "cms.StandardPage",
        "cms.AccessibilityStatementPage",
        "news.NewsIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["process_pages"] = (
            ProcessPage.objects.child_of(self).live().public().select_related("process")
        )
        # What apps add to the home page (the newest news of every process).
        context["panels"] = panels_for("home", None)
        return context


class ProcessPage(PlainLanguageMixin, SharingImageMixin, RoutablePageMixin, Page):
    """The portal of one participation process, with its fields of action below it."""

    process = models.ForeignKey(
        "processes.Process",
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("process"),
    )
    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("content"),
        help_text=_(
            "What the plan is, why it is revised, who runs the revision, "
            "how long it takes and how to take part."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("process"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    promote_panels = [
        *Page.promote_panels,
        *PlainLanguageMixin.plain_language_panels,
        *SharingImageMixin.sharing_panels,
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StandardPage", "events.EventIndexPage", "news.NewsIndexPage"]

    class Meta:
        verbose_name = _("process portal")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(process_views.portal_context(page=self))
        return context

    @path("")
    def portal(self, request):
        return self.render(request)

    @classmethod
    def get_subpage_urls(cls):
        # Below the portal: what the apps registered (processes.portal.add_routes).
        return (*super().get_subpage_urls(), *portal_urls())


class StandardPage(PlainLanguageMixin, SharingImageMixin, Page):
    """Imprint, privacy notice, plain-language pages and other fixed texts."""

    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("content"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = [
        *Page.promote_panels,
        *PlainLanguageMixin.plain_language_panels,
        *SharingImageMixin.sharing_panels,
    ]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class AccessibilityStatementPage(RoutablePageMixin, Page):
    """The accessibility statement BITV 2.0 asks for, with its feedback form."""

    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("content"))
    feedback_email = models.EmailField(
        _("feedback goes to"),
        blank=True,
        help_text=_("Leave empty to use the site's contact address."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("feedback_email"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("accessibility statement")

    @path("")
    def statement(self, request):
        return contact_views.accessibility_feedback(request, page=self)

    @path("gesendet/", name="feedback_sent")
    def feedback_sent(self, request):
        return contact_views.accessibility_feedback_sent(request, page=self)


@register_setting(icon="link")
class FooterLinks(BaseSiteSetting):
    """The legally required pages, linked in every page's footer."""

    imprint_page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imprint"),
    )
    privacy_page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy notice"),
    )
    accessibility_page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accessibility statement"),
    )
    contact_page = models.ForeignKey(
        Page,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact"),
    )

    panels = [
        FieldPanel("imprint_page"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
        FieldPanel("contact_page"),
    ]

    class Meta:
        verbose_name = _("footer links")
