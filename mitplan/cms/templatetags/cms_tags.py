from django import template
from wagtail.models import Locale, Page, Site

from mitplan.cms.models import FooterLinks

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Pages marked "show in menus" below the home page, in the active language."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page.localized
    return list(root.get_children().live().public().in_menu().specific(defer=True))


@register.simple_tag(takes_context=True)
def home_page(context):
    site = Site.find_for_request(context["request"])
    return site.root_page.localized if site else None


@register.simple_tag(takes_context=True)
def footer_links(context):
    """Imprint, privacy notice, accessibility statement and contact, in the active
    language where translated, in one query."""
    request = context["request"]
    settings = FooterLinks.for_request(request)
    chosen = [
        page
        for page in (
            settings.imprint_page,
            settings.privacy_page,
            settings.accessibility_page,
            settings.contact_page,
        )
        if page is not None
    ]
    localized = {
        page.translation_key: page
        for page in Page.objects.live().filter(
            translation_key__in=[page.translation_key for page in chosen],
            locale=Locale.get_active(),
        )
    }
    return [localized.get(page.translation_key, page) for page in chosen]


@register.simple_tag
def content_language(page):
    """The language a page's content is written in: its own, or for an alias (a
    page not translated yet) the language of the page it shows."""
    if page is None or not hasattr(page, "alias_of_id"):
        return ""
    if page.alias_of_id:
        return page.alias_of.locale.language_code
    return page.locale.language_code
