from django import template
from django.utils.html import format_html
from django.utils.translation import get_language_info
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
            Page.objects.filter(pk=page.alias_of_id)
            .values_list("locale_id", flat=True)
            .first()
        )
        return language_code(source_locale_id)
    return language_code(page.locale_id)


@register.simple_tag(takes_context=True)
def content_lang_attrs(context, content_lang):
    """' lang="de" dir="ltr"' where a page's text is not in the interface language."""
    if content_lang and content_lang != context.get("CURRENT_LANGUAGE"):
        return format_html(
            ' lang="{}" dir="{}"',
            content_lang,
            "rtl" if get_language_info(content_lang)["bidi"] else "ltr",
        )
    return ""
