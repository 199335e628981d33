"""News in the open data API: the live, public articles of every process or of one,
newest first, in one language, in pages, at a constant number of queries (on the
demo's news, see conftest.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.images import get_image_model

from mitplan.news.models import ArticlePage, Category, NewsIndexPage

pytestmark = pytest.mark.django_db

ALL = "/api/v1/articles"
LIP = "/api/v1/processes/lip-2/articles"


def index_de() -> NewsIndexPage:
    return NewsIndexPage.objects.get(locale__language_code="de", process__isnull=False)


def add_article(n: int, **fields) -> ArticlePage:
    article = ArticlePage(
        title=f"Meldung {n}", slug=f"meldung-{n}", teaser=f"Kurz {n}.", **fields
    )
    index_de().add_child(instance=article)
    article.save_revision().publish()
    return article


def titles(client, url=f"{ALL}?language=de&page_size=100") -> list[str]:
    return [item["title"] for item in client.get(url).json()["items"]]


def test_the_process_articles_say_title_teaser_date_url_kind_categories_and_image(
    client,
):
    body = client.get(f"{LIP}?language=de").json()
    live = ArticlePage.objects.live().filter(
        locale__language_code="de", process__slug="lip-2"
    )
    assert body["count"] == live.count() > 0
    first = body["items"][0]
    assert set(first) == {
        "title",
        "teaser",
        "dated",
        "url",
        "kind",
        "is_withdrawn",
        "categories",
        "image",
        "language",
        "process",
    }
    assert first["url"].startswith("http://testserver/de/lip/aktuelles/")
    assert first["language"] == "de" and first["process"] == "lip-2"
    assert {item["kind"] for item in body["items"]} <= {"article", "notice"}
    dated = [item["dated"] for item in body["items"]]
    assert dated == sorted(dated, reverse=True)  # newest first
    with_image = [item for item in body["items"] if item["image"]]
    assert with_image, "the demo has articles with teaser images"
    image = with_image[0]["image"]
    assert image["url"].startswith("http://testserver/") and image["alt"]
    assert image["credit"]


def test_articles_come_in_the_asked_language(client):
    english = client.get(f"{LIP}?language=en").json()["items"]
    assert english and all(item["language"] == "en" for item in english)
    assert all("/en/" in item["url"] for item in english)
    assert not {item["title"] for item in english} & set(
        titles(client, f"{LIP}?language=de")
    )
    with translation.override("en"):
        names = {category.name for category in Category.objects.all()}
    categories = {name for item in english for name in item["categories"]}
    assert categories and categories <= names  # the names in English too


def test_without_a_language_the_request_language_answers(client):
    body = client.get(LIP, headers={"Accept-Language": "en"}).json()
    assert body["items"] and body["items"][0]["language"] == "en"


def test_an_unknown_language_or_process_is_a_clear_error(client):
    response = client.get(f"{LIP}?language=xx")
    assert response.status_code == 422
    assert "language" in response.json()["detail"]
    assert client.get("/api/v1/processes/nope/articles").status_code == 404
    assert client.get("/api/v1/processes/%00/articles").status_code in (400, 404)
    assert client.get(f"{LIP}?page=abc").status_code == 422
    assert client.get(f"{LIP}?page=0").status_code == 422


def test_only_live_public_articles_are_listed(client):
    draft = ArticlePage(
        title="Entwurf", slug="entwurf", teaser="Noch nicht.", live=False
    )
    index_de().add_child(instance=draft)
    draft.save_revision()  # not published
    hidden = add_article(1)
    hidden.unpublish()
    assert "Entwurf" not in titles(client) and "Meldung 1" not in titles(client)
    add_article(2)
    assert "Meldung 2" in titles(client)


def test_all_articles_hold_every_process_and_page_by_twenty(client):
    for n in range(25):
        add_article(n)
    first = client.get(f"{ALL}?language=de").json()
    assert first["count"] >= 25 and len(first["items"]) == 20
    second = client.get(f"{ALL}?language=de&page=2").json()
    assert len(second["items"]) == first["count"] - 20
    assert client.get(f"{ALL}?language=de&page=99").json()["items"] == []


def test_a_page_costs_the_same_queries_for_3_or_30_articles(client):
    image = get_image_model().objects.first()

    def count(url):
        client.get(url)  # warms the site's caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    url = f"{LIP}?language=de&page_size=100"
    few = count(url)
    for n in range(30):
        add_article(n, image=image, image_alt="Ein Bild.", image_credit="© Stadt")
    assert count(url) == few
