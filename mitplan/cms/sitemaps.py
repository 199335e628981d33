"""/sitemap.xml and /robots.txt: every live public page of every language tree,
each with the same page in the other languages (hreflang alternates). Built from
one query for the pages and the cached site roots, whatever the number of pages."""

from collections import defaultdict

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from .locales import language_code


def sitemap_urls(request) -> list[dict]:
    site = Site.find_for_request(request)
    if site is None:
        return []
    pages = (
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .only("pk", "url_path", "translation_key", "locale_id", "last_published_at")
        .order_by("path")
    )
    located = []
    for page in pages:
        url = page.get_url(request=request, current_site=site)
        if url is None:
            continue
        located.append((page, request.build_absolute_uri(url)))
    by_key = defaultdict(list)
    for page, location in located:
        by_key[page.translation_key].append(
            {"lang_code": language_code(page.locale_id), "location": location}
        )
    urls = []
    for page, location in located:
        alternates = sorted(by_key[page.translation_key], key=lambda a: a["lang_code"])
        if len(alternates) > 1:
            default = [
                a for a in alternates if a["lang_code"] == settings.LANGUAGE_CODE
            ]
            alternates = alternates + [
                {"lang_code": "x-default", "location": a["location"]} for a in default
            ]
        else:
            alternates = []
        urls.append(
            {
                "location": location,
                "lastmod": page.last_published_at,
                "alternates": alternates,
            }
        )
    return urls


@require_safe
def sitemap(request):
    return TemplateResponse(
        request,
        "sitemap.xml",
        {"urlset": sitemap_urls(request)},
        content_type="application/xml; charset=utf-8",
    )


@require_safe
def robots(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
