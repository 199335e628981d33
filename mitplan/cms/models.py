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
from mitplan.contributions import views as contribution_views
from mitplan.processes import views as process_views

from .blocks import BodyBlock


class HomePage(Page):
    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("content"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    subpage_types = [
        "cms.ProcessPage",
        "cms.StandardPage",
        "cms.AccessibilityStatementPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["process_pages"] = (
            ProcessPage.objects.child_of(self).live().public().select_related("process")
        )
        return context


class ProcessPage(RoutablePageMixin, Page):
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
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("process portal")

    def get_context(self, request, *args, full=True, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(process_views.portal_context(page=self, full=full))
        return context

    @path("")
    def portal(self, request):
        return self.render(request)

    @path("handlungsfelder/", name="field_list")
    def field_list(self, request):
        return process_views.field_list(request, page=self)

    @path("handlungsfelder/<slug:slug>/", name="field_detail")
    def field_detail(self, request, slug):
        return process_views.field_detail(request, page=self, slug=slug)

    @path("ansprechpersonen/", name="advisor_list")
    def advisor_list(self, request):
        return process_views.advisor_list(request, page=self)

    @path("beitraege/", name="contribution_list")
    def contribution_list(self, request):
        return contribution_views.contribution_list(request, page=self)

    @path("beitraege/neu/", name="contribution_create")
    def contribution_create(self, request):
        return contribution_views.contribution_create(request, page=self)

    @path("beitraege/aehnliche/", name="contribution_similar")
    def contribution_similar(self, request):
        return contribution_views.contribution_similar(request, page=self)

    @path("beitraege/eingegangen/", name="contribution_received")
    def contribution_received(self, request):
        return contribution_views.contribution_received(request, page=self)

    @path("beitraege/<int:pk>/", name="contribution_detail")
    def contribution_detail(self, request, pk):
        return contribution_views.contribution_detail(request, page=self, pk=pk)

    @path("beitraege/<int:pk>/unterstuetzen/", name="contribution_support")
    def contribution_support(self, request, pk):
        return contribution_views.contribution_support(request, page=self, pk=pk)

    @path("beitraege/<int:pk>/kommentieren/", name="contribution_comment")
    def contribution_comment(self, request, pk):
        return contribution_views.contribution_comment(request, page=self, pk=pk)

    @path("beitraege/<int:pk>/melden/", name="contribution_report")
    def contribution_report(self, request, pk):
        return contribution_views.contribution_report(request, page=self, pk=pk)

    @path("beitraege/<int:pk>/benachrichtigen/", name="contribution_subscribe")
    def contribution_subscribe(self, request, pk):
        return contribution_views.contribution_subscribe(request, page=self, pk=pk)


class StandardPage(Page):
    """Imprint, privacy notice, plain-language pages and other fixed texts."""

    intro = models.TextField(_("introduction"), max_length=1000, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("content"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
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
