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


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_a_page_refuses_methods_that_would_change_it(client, method):
    response = getattr(client, method)("/de/lip/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
    assert client.head("/de/lip/").status_code == 200


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
    # No German editorial text and no notice; a German document in the portal's
    # downloads is still marked German (lang="de"), rightly, so that is not checked.
    assert "mp-lang-notice" not in html
    assert '<div class="mp-body" lang="de"' not in html
    assert 'lang="de" dir="ltr">Lokaler Integrationsplan' not in html


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


# The queries each page costs, as measured (a second request: the first fills the
# process and navigation caches). A page that needs more fails here first.
QUERY_BUDGETS = [
    ("/de/", 7),
    # The portal's body shows a video (the video with its poster and files, its
    # captions), a download list and a link to its plain-language version.
    ("/de/lip/", 11),
    ("/ar/lip/", 12),
    ("/de/lip/handlungsfelder/bildung/", 10),
    ("/de/lip/beitraege/", 10),
    ("/ar/lip/beitraege/", 11),
    ("/de/lip/beitraege/{discussed}/", 12),
    ("/ar/lip/beitraege/{discussed}/", 13),
]


def _discussed():
    from mitplan.contributions.models import Contribution

    return (
        Contribution.objects.filter(moderation_state="published", comment_count__gt=0)
        .order_by("pk")
        .first()
    )


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_page_views_spend_the_measured_queries(client):
    discussed = _discussed()
    spent = {
        url: _queries(client, url.format(discussed=discussed.pk))
        for url, _budget in QUERY_BUDGETS
    }
    assert spent == dict(QUERY_BUDGETS)


def test_the_query_count_does_not_grow_with_the_content(client):
    """Twice the contributions, each with comments, replies, tags and supports: the
    list and a contribution's page cost the same queries (no query per item)."""
    from mitplan.comments.services import comment_add
    from mitplan.contributions.models import Contribution, Tag
    from mitplan.contributions.services import support_add
    from mitplan.contributions.tests.factories import ContributionFactory

    discussed = _discussed()
    pages = ["/de/lip/beitraege/", f"/de/lip/beitraege/{discussed.pk}/"]
    before = {url: _queries(client, url) for url in pages}
    tags = list(Tag.objects.filter(process=discussed.process)[:2])
    for n in range(Contribution.objects.filter(process=discussed.process).count()):
        more = ContributionFactory()
        more.tags.set(tags)
        support_add(contribution=more, token=f"t{n:031d}")
        first, _saved = comment_add(contribution=more, text="Gute Idee.", language="de")
        comment_add(
            contribution=more, text="Finde ich auch.", language="de", parent=first
        )
    for n in range(12):
        first, _saved = comment_add(
            contribution=discussed, text=f"Noch ein Gedanke {n}.", language="de"
        )
        comment_add(contribution=discussed, text="Ja.", language="de", parent=first)
    assert {url: _queries(client, url) for url in pages} == before


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
