"""The language switcher: the same page in every language, each named in itself."""

from django import template
from django.conf import settings

from mitplan.cms.navigation import language_urls

register = template.Library()


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    current = context.get("CURRENT_LANGUAGE") or settings.LANGUAGE_CODE
    urls = language_urls(request, context.get("page"))
    links = [
        {"code": code, "name": name, "url": urls[code], "is_current": code == current}
        for code, name in settings.LANGUAGES
    ]
    return {"links": links, "current": dict(settings.LANGUAGES)[current]}
