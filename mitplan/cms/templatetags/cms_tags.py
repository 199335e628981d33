from django import template
from wagtail.models import Page

from mitplan.cms.locales import language_code
from mitplan.cms.navigation import navigation_for

register = template.Library()


@register.simple_tag(takes_context=True)
def site_navigation(context):
    """Home, main menu and footer links in the active language (cached)."""
    return navigation_for(context["request"])


@register.simple_tag
def content_language(page):
    """The language a page's content is written in: its own, or for an alias (a
    page not translated yet) the language of the page it shows."""
    if page is None or not hasattr(page, "alias_of_id"):
        return ""
    if page.alias_of_id:
        source_locale_id = (
            Page.objects.filter(pk=page.alias_of_id).values_list("locale_id", flat=True).first()
        )
        return language_code(source_locale_id)
    return language_code(page.locale_id)
