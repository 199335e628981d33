"""Site search: what is found, in which language, how it is marked, and that odd
input never breaks the page. Runs on SQLite and PostgreSQL (DATABASE_URL)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from mitplan.cms.models import HomePage, StandardPage
from mitplan.contributions.models import Contribution
from mitplan.contributions.tests.factories import ContributionFactory
from mitplan.search.indexing import index_rebuild
from mitplan.search.models import SearchEntry
from mitplan.search.selectors import search_results

pytestmark = pytest.mark.django_db

ON_POSTGRES = connection.vendor == "postgresql"


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def german_page(title: str, text: str, slug: str, intro: str = "") -> StandardPage:
    home = HomePage.objects.get(locale__language_code="de")
    page = StandardPage(
        title=title,
        slug=slug,
        intro=intro,
        body=[("paragraph", RichText(f"<p>{text}</p>"))],
    )
    home.add_child(instance=page)
    return _publish(page)


def translate(german: StandardPage, language: str, title: str, text: str):
    """The page's translation in `language`, replacing the alias that stands in
    for it until it is translated."""
    locale = Locale.objects.get(language_code=language)
    alias = german.get_translation_or_none(locale)
    if alias is not None:
        alias.delete()
    translated = german.copy_for_translation(locale)
    translated.title = title
    translated.body = [("paragraph", RichText(f"<p>{text}</p>"))]
    translated.save()
    return _publish(translated)


def titles(query: str, language: str) -> list[str]:
    page = search_results(query=query, language=language)
    return [str(result.title) for result in page.object_list]


def plain_titles(query: str, language: str) -> list[str]:
    return [
        result.title.replace("<mark>", "").replace("</mark>", "")
        for result in search_results(query=query, language=language).object_list
    ]


@pytest.fixture
def education_page():
    german = german_page(
        "Bildung für alle",
        "Sprachkurse und Schulen: wie Bildung in der Stadt gelingt.",
        slug="bildung-fuer-alle",
    )
    translate(
        german,
        "en",
        "Education for everyone",
        "Language courses and schools: how education succeeds in the city.",
    )
    return german


# --- what is found, in which language ---------------------------------------------


def test_german_search_finds_the_german_page_by_a_word_of_its_body(education_page):
    assert "Bildung für alle" in plain_titles("Sprachkurse", "de")


def test_english_search_finds_the_english_translation_not_the_german_original(
    education_page,
):
    found = plain_titles("education", "en")
    assert "Education for everyone" in found
    assert "Bildung für alle" not in found


def test_the_demo_is_indexed_after_load_demo():
    # conftest loads the demo; its pages and fields of action are in the index.
    assert SearchEntry.objects.filter(kind="page", language="de").exists()
    assert SearchEntry.objects.filter(kind="field", language="en").exists()
    assert "Bildung" in plain_titles("Bildung", "de")


def test_an_events_dialogue_results_are_found_and_arabic_readers_get_the_original(
    client,
):
    # "Mehr Sprachkurse am Abend": an outcome of the kickoff's round on education.
    german = client.get("/de/suche/", {"q": "Sprachkurse"}).content.decode()
    assert "/de/lip/veranstaltungen/auftaktveranstaltung/" in german
    arabic = client.get("/ar/suche/", {"q": "Bildung"}).content.decode()
    # The kickoff is not translated into Arabic: its German original, marked so.
    assert "/ar/lip/veranstaltungen/auftaktveranstaltung/" in arabic
    assert 'lang="de"' in arabic


def test_block_settings_such_as_a_headings_level_are_not_found():
    # The demo's headings are "Level 2" ("Ebene 2") in the editor, never on the page.
    assert search_results(query="Ebene", language="de").paginator.count == 0


def test_an_event_shows_its_day_and_an_article_its_own_date(client):
    html = client.get("/de/suche/", {"q": "Auftaktveranstaltung"}).content.decode()
    # The demo's kickoff took place on 18 January 2020, whenever it was published.
    assert '<time datetime="2020-01-18T10:00:00+01:00">' in html
    # The article on its dialogue rounds is dated that day by its editor.
    html = client.get("/de/suche/", {"q": "sieben Dialogrunden"}).content.decode()
    assert '<time datetime="2020-01-18T12:00:00+01:00">' in html


@pytest.mark.skipif(
    not ON_POSTGRES,
    reason="stemming needs PostgreSQL's dictionaries; SQLite matches words as typed",
)
def test_german_stemming_finds_compound_inflections_on_postgres():
    german_page(
        "Angebote der Schulen",
        "Die Schulen erweitern ihre Angebote.",
        slug="angebote-der-schulen",
    )
    # 'Schule' is stemmed like 'Schulen'; 'Angebot' like 'Angebote'.
    assert "Angebote der Schulen" in plain_titles("Schule Angebot", "de")


def test_english_search_for_education_finds_the_translated_field_of_action():
    assert any("Education" in title for title in plain_titles("education", "en"))


def test_an_untranslated_page_is_found_as_the_german_original_and_marked(client):
    german_page(
        "Sprachcafé im Stadtteil",
        "Ein Treffpunkt zum Deutschlernen.",
        slug="sprachcafe",
    )
    results = search_results(query="Sprachcafé", language="ar").object_list
    assert len(results) == 1
    assert results[0].is_original
    assert results[0].language == "de"
    # Not shown in Arabic yet (no alias): linked in German.
    assert results[0].url == "/de/sprachcafe/"
    # Once it shows there untranslated (an alias), linked in the reader's language.
    german = Page.objects.get(slug="sprachcafe", locale__language_code="de")
    arabic_home = HomePage.objects.get(locale__language_code="ar")
    german.create_alias(
        parent=arabic_home,
        update_locale=Locale.objects.get(language_code="ar"),
        reset_translation_key=False,
    )
    results = search_results(query="Sprachcafé", language="ar").object_list
    assert [result.url for result in results] == ["/ar/sprachcafe/"]
    assert client.get(results[0].url).status_code == 200
    html = client.get("/ar/suche/", {"q": "Sprachcafé"}).content.decode()
    assert 'lang="de"' in html
    with translation.override("en"):
        html = client.get("/en/suche/", {"q": "Sprachcafé"}).content.decode()
    assert "German original" in html


def test_a_translated_page_is_not_also_found_as_its_german_original(education_page):
    # Its English version has other words; the German one is not offered beside it.
    assert "Bildung für alle" not in plain_titles("Sprachkurse", "en")
    assert "Bildung für alle" not in plain_titles("Bildung", "en")


def test_accents_and_case_do_not_matter():
    german_page("Sprachcafé im Stadtteil", "Treffpunkt.", slug="sprachcafe")
    assert "Sprachcafé im Stadtteil" in plain_titles("SPRACHCAFE", "de")


# --- what is not found ------------------------------------------------------------


def test_an_unpublished_page_is_not_found():
    page = german_page("Zuckerwattenentwurf", "Nur intern.", slug="entwurf")
    assert plain_titles("Zuckerwattenentwurf", "de") == ["Zuckerwattenentwurf"]
    page.unpublish()
    assert plain_titles("Zuckerwattenentwurf", "de") == []


def test_a_draft_change_is_not_found_until_published():
    page = german_page("Öffentlicher Titel", "Öffentlich.", slug="oeffentlich")
    page.title = "Vertraulicher Entwurfstitel"
    page.save_revision()
    assert plain_titles("Vertraulicher", "de") == []
    assert "Öffentlicher Titel" in plain_titles("Öffentlicher", "de")


def test_a_deleted_page_is_gone():
    page = german_page("Bald gelöscht", "Wird entfernt.", slug="geloescht")
    Page.objects.get(pk=page.pk).delete()
    assert plain_titles("gelöscht", "de") == []
    assert not SearchEntry.objects.filter(object_key=f"page:{page.pk}").exists()


def test_a_published_contribution_is_found_in_its_own_language():
    ContributionFactory(title="Mehr Spielplätze im Viertel", language="de")
    assert "Mehr Spielplätze im Viertel" in plain_titles("Spielplätze", "de")


def test_a_contribution_waiting_for_moderation_or_rejected_is_not_found():
    ContributionFactory(
        title="Wartende Zuckerwatte",
        moderation_state=Contribution.Moderation.PENDING,
        published_at=None,
    )
    rejected = ContributionFactory(title="Abgelehnte Zuckerwatte")
    rejected.moderation_state = Contribution.Moderation.REJECTED
    rejected.save()
    assert plain_titles("Zuckerwatte", "de") == []


def test_a_deleted_contribution_is_gone():
    contribution = ContributionFactory(title="Verschwundene Zuckerwatte")
    contribution.delete()
    assert plain_titles("Zuckerwatte", "de") == []


def test_rebuild_gives_the_same_index():
    german_page("Bildung für alle", "Sprachkurse.", slug="bildung-fuer-alle")
    before = sorted(SearchEntry.objects.values_list("object_key", "language", "url"))
    assert index_rebuild() == len(before)
    after = sorted(SearchEntry.objects.values_list("object_key", "language", "url"))
    assert after == before


# --- marking and escaping -----------------------------------------------------------


def test_found_words_are_marked_in_title_and_snippet(education_page):
    results = search_results(query="Sprachkurse Bildung", language="de").object_list
    result = next(r for r in results if "für alle" in r.title)
    assert "<mark>Sprachkurse</mark>" in result.snippet
    assert result.title == "<mark>Bildung</mark> für alle"


def test_html_in_a_title_is_shown_escaped_never_run(client):
    german_page(
        "<script>alert(1)</script> Hinweis",
        "<b>fett</b> & Text über Hinweise",
        slug="hinweis",
    )
    html = client.get("/de/suche/", {"q": "Hinweis"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- odd input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        '"Bildung',
        "Bildung OR -Schule",
        "!!! & | :* ()",
        "' OR 1=1 --",
        "%_\\",
        "die der das",
        "👩‍👩‍👧 ‮ Bildung",
        "ب" * 50,
        "x" * 200,
    ],
)
def test_odd_queries_answer_a_page_never_an_error(client, query):
    response = client.get("/de/suche/", {"q": query})
    assert response.status_code == 200


def test_too_long_query_is_refused_with_a_message(client):
    with translation.override("en"):
        response = client.get("/en/suche/", {"q": "x" * 201})
    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()


def test_nul_bytes_are_refused_as_a_bad_request(client):
    # core.malformed refuses them before any view, with its error page.
    response = client.get("/en/suche/", {"q": "Bil\x00dung"})
    assert response.status_code == 400


@pytest.mark.parametrize("number", ["0", "-1", "abc", "99999999999999999999", "1e9"])
def test_odd_page_numbers_answer_a_page(client, number):
    response = client.get("/de/suche/", {"q": "Bildung", "page": number})
    assert response.status_code == 200


def test_an_empty_query_shows_just_the_form(client):
    html = client.get("/de/suche/").content.decode()
    assert 'role="search"' in html
    assert "mp-search-results" not in html
    html = client.get("/de/suche/", {"q": "   "}).content.decode()
    assert "mp-search-results" not in html


def test_results_are_paginated(client):
    for number in range(12):
        ContributionFactory(title=f"Zuckerwatte Nummer {number}")
    first = client.get("/de/suche/", {"q": "Zuckerwatte"}).content.decode()
    assert first.count('class="mp-search-result"') == 10
    assert 'href="?q=Zuckerwatte&amp;page=2"' in first
    second = client.get("/de/suche/", {"q": "Zuckerwatte", "page": 2})
    assert second.content.decode().count('class="mp-search-result"') == 2


def test_result_pages_are_not_kept_in_the_shared_page_cache(client):
    response = client.get("/de/suche/", {"q": "Bildung"})
    assert "private" in response["Cache-Control"]


def test_a_search_costs_the_same_queries_for_few_and_many_results(client):
    ContributionFactory(title="Zuckerwatte eins")
    client.get("/de/suche/", {"q": "Zuckerwatte"})  # warm: locales, site, caches
    with CaptureQueriesContext(connection) as few:
        client.get("/de/suche/", {"q": "Zuckerwatte"})
    for number in range(15):
        ContributionFactory(title=f"Zuckerwatte Nummer {number}")
    # The writes move the data version: the page's caches recompute once.
    client.get("/de/suche/", {"q": "Zuckerwatte"})
    with CaptureQueriesContext(connection) as many:
        client.get("/de/suche/", {"q": "Zuckerwatte"})
    assert len(many) == len(few)
    assert len(few) <= 8, [query["sql"] for query in few]


def test_rebuild_command_refills_an_emptied_index():
    from io import StringIO

    from django.core.management import call_command

    SearchEntry.objects.all().delete()
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Indexed" in out.getvalue()
    assert "Bildung" in plain_titles("Bildung", "de")
