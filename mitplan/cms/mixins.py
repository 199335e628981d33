"""Fields every editorial page shares: its plain-language version and the image
shown when it is shared."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class PlainLanguageMixin(models.Model):
    """A page and its plain-language version (Leichte Sprache) link to each other:
    editors set `plain_language_page` on the original; the version finds its way
    back by a reverse lookup, so one field serves both directions."""

    plain_language_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("plain-language version"),
        help_text=_("The page that says the same in plain language (Leichte Sprache)."),
    )
    is_plain_language = models.BooleanField(
        _("written in plain language"),
        default=False,
        help_text=_("The page is marked as a plain-language (Leichte Sprache) page."),
    )

    plain_language_panels = [
        MultiFieldPanel(
            [FieldPanel("plain_language_page"), FieldPanel("is_plain_language")],
            heading=_("Plain language"),
        )
    ]

    class Meta:
        abstract = True

    def plain_language_original(self):
        """The page in this page's language whose plain-language version this is
        (None unless this page is one: ordinary pages spend no query on it).
        Translations of the original keep pointing at the version in the language
        it was set in, so the lookup goes by translation key, not by page."""
        if not self.is_plain_language:
            return None
        key = self.translation_key
        pointing = (
            models.Q(homepage__plain_language_page__translation_key=key)
            | models.Q(processpage__plain_language_page__translation_key=key)
            | models.Q(standardpage__plain_language_page__translation_key=key)
        )
        return (
            Page.objects.live()
            .public()
            .filter(pointing, locale_id=self.locale_id)
            .first()
        )


class SharingImageMixin(models.Model):
    sharing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sharing image"),
        help_text=_(
            "Shown when the page is shared, e.g. in a messenger; without one the "
            "site's default image."
        ),
    )

    sharing_panels = [FieldPanel("sharing_image")]

    class Meta:
        abstract = True
