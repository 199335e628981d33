"""Admin panels for fields translated with django-modeltranslation."""

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


def translated_panels(*fields: str, widget=None) -> list:
    """German fields first (the source), the other languages folded away below.
    widget: one for every field (e.g. a short textarea for one-sentence texts)."""
    source = settings.LANGUAGE_CODE
    others = [code for code, _name in settings.LANGUAGES if code != source]
    panels = [FieldPanel(f"{field}_{source}", widget=widget) for field in fields]
    names = dict(settings.LANGUAGES)
    for code in others:
        panels.append(
            MultiFieldPanel(
                [FieldPanel(f"{field}_{code}", widget=widget) for field in fields],
                heading=format_lazy("{}: {}", _("Translation"), names[code]),
                classname="collapsed",
            )
        )
    return panels
