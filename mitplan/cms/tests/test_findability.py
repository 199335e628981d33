"""What search engines and link previews read: /sitemap.xml with its language
versions, robots.txt, the head's description, sharing image and hreflang links;
and the plain-language version linked both ways."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page

from mitplan.cms.models import ProcessPage, StandardPage

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def test_the_sitemap_lists_live_pages_with_their_language_versions(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    entries = {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link", NS)
        }
        for url in root.findall("s:url", NS)
    }
    portal = "http://testserver/de/lip/"
    assert portal in entries
    alternates = entries[portal]
    assert alternates["en"] == "http://testserver/en/lip/"
    assert alternates["ar"] == "http://testserver/ar/lip/"
    assert alternates["x-default"] == portal
    assert len(alternates) == 11  # ten languages and x-default
    assert "http://testserver/en/lip/" in entries
    assert not any("/admin/" in loc for loc in entries)


def test_the_sitemap_leaves_out_unpublished_pages(client):
    page = StandardPage.objects.get(slug="haeufige-fragen", locale__language_code="de")
    page.unpublish()
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [
        url.findtext("s:loc", namespaces=NS) for url in root.findall("s:url", NS)
    ]
    assert "http://testserver/de/lip/haeufige-fragen/" not in locations
    assert "http://testserver/de/lip/" in locations


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_every_page_head_has_description_sharing_image_and_language_versions(client):
    html = client.get("/de/lip/haeufige-fragen/").content.decode()
    assert '<meta name="description" content="Häufige Fragen zur Beteiligung' in html
    assert '<meta property="og:title" content="Häufige Fragen">' in html
    assert (
        '<meta property="og:url" content="http://testserver/de/lip/haeufige-fragen/">'
        in html
    )
    assert (
        '<meta property="og:image" content="http://testserver/static/img/sharing'
        in html
    )
    assert '<meta property="og:locale" content="de">' in html
    assert (
        '<link rel="alternate" hreflang="ar" '
        'href="http://testserver/ar/lip/haeufige-fragen/">' in html
    )
    assert '<link rel="alternate" hreflang="x-default" ' in html


def test_without_a_search_description_the_intro_describes_the_page(client):
    html = client.get("/de/lip/").content.decode()
    portal = ProcessPage.objects.get(locale__language_code="de")
    assert (
        f'<meta name="description" content="{portal.search_description or portal.intro}'
        in html
    )


def test_the_head_spends_no_query_on_sharing_image_or_language_versions(client):
    client.get("/de/lip/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/de/lip/")
    sql = [q["sql"] for q in queries]
    # The default sharing image is a static file; the language versions are cached.
    assert not [q for q in sql if "wagtailimages_rendition" in q and "1200" in q]
    key = ProcessPage.objects.get(locale__language_code="de").translation_key
    assert not [q for q in sql if str(key) in q or key.hex in q]


def test_the_page_and_its_plain_language_version_link_to_each_other(client):
    with translation.override("en"):
        portal = client.get("/de/lip/").content.decode()
        plain = client.get("/de/leichte-sprache/").content.decode()
    assert 'href="/de/leichte-sprache/"' in portal
    assert "mp-plain-language__marker" not in portal
    assert 'class="kern-badge kern-badge--info mp-plain-language__marker"' in plain
    assert 'href="/de/lip/"' in plain.split('class="mp-plain-language"')[1][:1000]


def test_the_way_back_is_found_from_the_one_field():
    plain = StandardPage.objects.get(slug="leichte-sprache", locale__language_code="de")
    portal = ProcessPage.objects.get(locale__language_code="de")
    assert plain.is_plain_language
    assert portal.plain_language_page_id == plain.pk
    assert plain.plain_language_original().pk == portal.pk
    portal.plain_language_page = None
    portal.save_revision().publish()
    assert plain.plain_language_original() is None
    assert Page.objects.get(pk=portal.pk).specific.plain_language_page is None
