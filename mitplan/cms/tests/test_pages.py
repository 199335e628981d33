import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["", "lip/", "impressum/", "datenschutz/", "leichte-sprache/"])
def test_every_page_exists_in_every_language(client, lang, path):
    response = client.get(f"/{lang}/{path}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert ('dir="rtl"' in html) == (lang in ("ar", "fa"))


def test_a_missing_translation_shows_german_and_says_so(client):
    html = client.get("/tr/lip/").content.decode()
    assert "Lokaler Integrationsplan 2.0" in html
    assert 'lang="de" dir="ltr"' in html
    assert "mp-fallback" in html or "kern-alert--info" in html


def test_a_translated_page_shows_no_fallback_notice(client):
    html = client.get("/en/lip/").content.decode()
    assert "Local Integration Plan 2.0" in html
    assert 'lang="de" dir="ltr"' not in html


def test_language_switcher_links_the_same_page_in_every_language(client):
    html = client.get("/de/lip/handlungsfelder/bildung/").content.decode()
    for lang, name in settings.LANGUAGES:
        assert f'href="/{lang}/lip/handlungsfelder/bildung/" lang="{lang}" hreflang="{lang}"' in html
        assert name in html


def test_footer_links_to_the_legal_pages_in_the_active_language(client):
    html = client.get("/en/lip/").content.decode()
    for text in ["Imprint", "Privacy notice", "Accessibility statement"]:
        assert text in html
    assert 'href="/en/impressum/"' in html


def test_skip_link_and_landmarks(client):
    html = client.get("/de/").content.decode()
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html


def test_home_page_teases_the_process_with_its_status(client):
    html = client.get("/de/").content.decode()
    assert 'href="/de/lip/"' in html
    assert "Corona" in html


def test_home_page_query_count_is_small(client, django_assert_max_num_queries):
    client.get("/de/lip/")
    with django_assert_max_num_queries(30):
        client.get("/de/lip/")
