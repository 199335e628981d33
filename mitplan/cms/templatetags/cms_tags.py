from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import get_language_info, to_locale
from wagtail.models import Page

from mitplan.cms.locales import language_code
from mitplan.cms.navigation import language_urls, navigation_for

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


def _version_in_language_of(page):
    """The plain-language version in the language of `page` (one query), else the
    version as set, if live."""
    from wagtail.models import Page

    # Live, not checked for a view restriction: that costs a query on every page
    # that links one, and a restricted version asks the reader to sign in.
    found = (
        Page.objects.live()
        .filter(
            locale_id=page.locale_id,
            translation_key__in=Page.objects.filter(
                pk=page.plain_language_page_id
            ).values("translation_key"),
        )
        .first()
    )
    if found is None:
        found = Page.objects.live().filter(pk=page.plain_language_page_id).first()
    return found


@register.simple_tag
def plain_language_links(page):
    """{"version": the plain-language version of this page, "original": the page
    this one is the plain-language version of} (either None), in the page's
    language; no query for a page that has neither."""
    version = original = None
    if getattr(page, "plain_language_page_id", None):
        version = _version_in_language_of(page)
    if getattr(page, "is_plain_language", False):
        original = page.plain_language_original()
    return {"version": version, "original": original}


DESCRIPTION_LENGTH = 200


@register.inclusion_tag("components/page_meta.html", takes_context=True)
def page_meta(context):
    """What the head says about a page to search engines and to apps that share
    links: description, sharing image, canonical address and the same page in the
    other languages (hreflang). Read from cached or already loaded data, so it adds
    no query unless the page has a sharing image of its own."""
    request = context["request"]
    page = context.get("page")
    description = ""
    if page is not None:
        description = (
            getattr(page, "search_description", "")
            or getattr(page, "intro", "")
            or getattr(page, "teaser", "")
        )
    image_url = static("img/sharing.png")
    if getattr(page, "sharing_image_id", None):
        image_url = page.sharing_image.get_rendition("fill-1200x630|format-jpeg").url
    current = context.get("CURRENT_LANGUAGE") or settings.LANGUAGE_CODE
    alternates = [
        {"code": code, "url": request.build_absolute_uri(url)}
        for code, url in language_urls(request, page).items()
    ]
    return {
        "description": Truncator(" ".join(str(description).split())).chars(
            DESCRIPTION_LENGTH
        ),
        "title": (getattr(page, "seo_title", "") or getattr(page, "title", ""))
        if page is not None
        else "",
        "url": request.build_absolute_uri(request.path),
        "image_url": request.build_absolute_uri(image_url),
        "locale": to_locale(current),
        "alternates": alternates,
        "default_url": next(
            (a["url"] for a in alternates if a["code"] == settings.LANGUAGE_CODE), ""
        ),
        "SITE_NAME": context.get("SITE_NAME", ""),
    }
