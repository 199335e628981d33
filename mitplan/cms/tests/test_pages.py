import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    "path", ["", "lip/", "impressum/", "datenschutz/", "leichte-sprache/"]
)
def test_every_page_exists_in_every_language(client, lang, path):
    response = client.get(f"/{lang}/{path}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}"' in html
    assert ('dir="rtl"' in html) == (lang in ("ar", "fa"))


def _untranslate(slug: str, language: str) -> None:
    """Make a page untranslated in one language again: the German page shows there
    (an alias), as for a page staff have not translated yet."""
    from wagtail.models import Locale, Page

    german = Page.objects.get(slug=slug, locale__language_code="de").specific
    locale = Locale.objects.get(language_code=language)
    translated = german.get_translation(locale)
    parent = translated.get_parent()
    translated.delete()
    german.create_alias(
        parent=parent, update_locale=locale, reset_translation_key=False
    )


def test_a_missing_translation_shows_german_and_says_so(client):
    _untranslate("lip", "tr")
    html = client.get("/tr/lip/").content.decode()
    # The editor's text is German and marked so; the interface around it is Turkish.
    assert (
        '<h1 class="kern-heading-x-large" lang="de" dir="ltr">Lokaler Integrationsplan 2.0</h1>'
        in html
    )
    assert '<div class="mp-body" lang="de" dir="ltr">' in html
    assert '<html lang="tr"' in html
    notice = "This page has not been translated into your language yet."
    assert notice not in html  # the notice itself is in Turkish
    assert html.count("mp-lang-notice") == 1  # one compact line below the heading


def test_a_translated_page_shows_no_fallback_notice(client):
    html = client.get("/en/lip/").content.decode()
    assert "Local Integration Plan 2.0" in html
    assert 'lang="de" dir="ltr"' not in html


def test_language_switcher_links_the_same_page_in_every_language(client):
    html = client.get("/de/lip/handlungsfelder/bildung/").content.decode()
    for lang, name in settings.LANGUAGES:
        assert (
            f'href="/{lang}/lip/handlungsfelder/bildung/" lang="{lang}" hreflang="{lang}"'
            in html
        )
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


def test_menu_follows_publishing_at_once(client):
    from mitplan.cms.models import HomePage, StandardPage

    client.get("/de/")  # fills the navigation cache
    home = HomePage.objects.get(locale__language_code="de")
    page = home.add_child(
        instance=StandardPage(title="Neu im Menü", slug="neu", show_in_menus=True)
    )
    page.save_revision().publish()
    assert "Neu im Menü" in client.get("/de/").content.decode()
    page.unpublish()
    assert "Neu im Menü" not in client.get("/de/").content.decode()


def test_page_views_spend_few_queries(client, django_assert_max_num_queries):
    for url, budget in [
        ("/de/", 9),
        ("/de/lip/", 14),
        ("/ar/lip/", 18),
        ("/de/lip/handlungsfelder/bildung/", 17),
    ]:
        client.get(url)
        with django_assert_max_num_queries(budget):
            client.get(url)


def test_page_forms_work_without_a_csrf_cookie_but_not_from_another_site():
    from django.test import Client

    from mitplan.contact.tests.test_advisor_message import form_data

    same_site = Client(
        enforce_csrf_checks=True, headers={"Origin": "http://testserver"}
    )
    assert same_site.post("/de/barrierefreiheit/", form_data()).status_code == 302
    other_site = Client(
        enforce_csrf_checks=True, headers={"Origin": "https://evil.example"}
    )
    response = other_site.post("/de/barrierefreiheit/", form_data(subject="Andere"))
    assert response.status_code == 403
