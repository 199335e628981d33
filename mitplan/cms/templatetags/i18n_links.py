"""The language switcher: the same page in every language, each named in itself."""

from django import template
from django.conf import settings
from django.urls import translate_url

from mitplan.cms.navigation import translation_urls

register = template.Library()


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    current = context.get("CURRENT_LANGUAGE") or settings.LANGUAGE_CODE
    page = context.get("page")
    urls = {}
    if page is not None and hasattr(page, "translation_key"):
        # Wagtail pages: the page's own translation (or its German alias) per
        # language, keeping a routed sub-path such as /handlungsfelder/bildung/.
        suffix = (
            request.path[len(page.url) :] if request.path.startswith(page.url) else ""
        )
        # The query too: filters, search, sort, the comment being answered.
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        urls = {
            code: url + suffix + query
            for code, url in translation_urls(page, request).items()
        }
    links = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code) or translate_url(request.get_full_path(), code)
        links.append(
            {"code": code, "name": name, "url": url, "is_current": code == current}
        )
    return {"links": links, "current": dict(settings.LANGUAGES)[current]}
