"""News pages, lists, notices, feeds and who may publish, on the demo's news (the
test database is loaded with the demo, see conftest.py)."""

import html

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageLogEntry

from mitplan.cms.models import HomePage, ProcessPage, StandardPage
from mitplan.news import selectors
from mitplan.news.models import ArticlePage, NewsIndexPage
from mitplan.news.workflow import articles_workflow, editors_group
from mitplan.processes import roles

pytestmark = pytest.mark.django_db

INDEX = "/{lang}/lip/aktuelles/"
NOTICE = "/{lang}/lip/aktuelles/online-befragung-laeuft-weiter/"


def index_de() -> NewsIndexPage:
    return NewsIndexPage.objects.get(locale__language_code="de", process__isnull=False)


def add_article(index, n: int, **fields) -> ArticlePage:
    article = ArticlePage(
        title=f"Meldung {n}", slug=f"meldung-{n}", teaser=f"Kurz {n}.", **fields
    )
    index.add_child(instance=article)
    article.save_revision().publish()
    return article


# --- Page models -----------------------------------------------------------------


def test_an_article_lives_only_below_a_news_index_and_an_index_below_home_or_portal():
    assert ArticlePage.can_create_at(index_de())
    assert not ArticlePage.can_create_at(ProcessPage.objects.first())
    assert NewsIndexPage.parent_page_types == ["cms.HomePage", "cms.ProcessPage"]
    assert not NewsIndexPage.can_create_at(StandardPage.objects.first())
    assert "news.NewsIndexPage" in HomePage.subpage_types


def test_an_article_takes_the_process_of_its_index():
    article = add_article(index_de(), 1)
    assert article.process_id == index_de().process_id
    home_index = NewsIndexPage.objects.get(
        locale__language_code="de", process__isnull=True
    )
    assert add_article(home_index, 2).process_id is None


def test_a_teaser_image_needs_its_alternative_text_and_credit():
    image = get_image_model().objects.first()
    article = ArticlePage(title="Bild", slug="bild", teaser="Kurz.", image=image)
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            article.full_clean()
        messages = raised.value.message_dict  # translated when read
    assert "image_alt" in messages
    assert "image_credit" in messages
    assert "people who cannot see it" in messages["image_alt"][0]
    article.image_alt = "Ein Kreis."
    article.image_credit = "© Stadt"
    article.full_clean(exclude=["path", "depth"])


def test_a_teaser_is_required_and_short():
    article = ArticlePage(title="Ohne", slug="ohne", teaser="")
    with pytest.raises(ValidationError) as raised:
        article.full_clean(exclude=["path", "depth"])
    assert "teaser" in raised.value.message_dict
    article.teaser = "x" * 301
    with pytest.raises(ValidationError):
        article.full_clean(exclude=["path", "depth"])


# --- The list ------------------------------------------------------------------


def test_the_list_shows_each_article_with_date_image_and_a_named_more_link(client):
    body = client.get(INDEX.format(lang="de")).content.decode()
    assert "Online-Befragung läuft trotz Corona weiter" in body
    assert '<time datetime="2020-01-18">' in body
    assert 'alt="Sieben weiße Kreise' in body
    assert 'height="360"' in body and 'width="640"' in body
    assert "© Stadt Musterstadt (Demo)" in body
    assert (
        'Weiterlesen<span class="kern-sr-only">: <span>Online-Befragung läuft trotz '
        "Corona weiter</span>"
        in body
        or "Read more" in body
    )


@pytest.mark.parametrize(
    "asked", ["abc", "-1", "0", str(10**100), "1.5", "", "٣"], ids=repr
)
def test_a_bad_page_number_answers_a_page_not_an_error(client, asked):
    response = client.get(INDEX.format(lang="de"), {"page": asked})
    assert response.status_code == 200


def test_the_list_pages_by_ten(client):
    index = index_de()
    for n in range(12):
        add_article(index, n)
    first = client.get(INDEX.format(lang="de"))
    assert first.context["results"].paginator.num_pages == 2
    assert len(first.context["results"].object_list) == 10
    last = client.get(INDEX.format(lang="de"), {"page": str(10**100)})
    assert last.context["results"].number == 2


def test_the_list_filters_by_category_and_refuses_an_unknown_one(client):
    response = client.get(INDEX.format(lang="de"), {"kategorie": "gremien"})
    titles = [a.title for a in response.context["results"].object_list]
    assert "Auswertungsrunde der Beiräte am 7. September" in titles
    assert "Online-Befragung läuft trotz Corona weiter" not in titles
    assert client.get(INDEX.format(lang="de"), {"kategorie": "x"}).status_code == 404


def test_the_list_costs_the_same_queries_for_3_or_30_articles(
    client, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    index = index_de()
    image = get_image_model().objects.first()
    ArticlePage.objects.filter(locale__language_code="de").exclude(
        pk__in=ArticlePage.objects.filter(locale__language_code="de")[:3]
    ).update(live=False)

    def count():
        client.get(INDEX.format(lang="de"))  # warms caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX.format(lang="de")).status_code == 200
        return len(queries)

    few = count()
    for n in range(30):
        add_article(index, n, image=image, image_alt="Ein Bild.", image_credit="© S")
    assert count() == few


# --- The portal and the home page ---------------------------------------------------


def test_the_portal_and_the_home_page_show_the_newest_news(client):
    portal = client.get("/de/lip/").content.decode()
    assert 'id="news-heading"' in portal
    assert portal.count('class="kern-card mp-news-card') == selectors.NEWEST
    assert 'href="/de/lip/aktuelles/"' in portal
    assert 'id="news-heading"' in client.get("/de/").content.decode()


# --- Status notices ---------------------------------------------------------------


@pytest.mark.parametrize(
    "address", ["/de/lip/", "/de/lip/aktuelles/", "/de/lip/handlungsfelder/", "/de/"]
)
def test_a_notice_shows_on_every_page_of_its_process_until_withdrawn(client, address):
    title = "Online-Befragung läuft trotz Corona weiter"
    notice = ArticlePage.objects.get(locale__language_code="de", kind="notice")
    banner = f'class="kern-link mp-process-notice__more" href="{notice.url}"'
    shown = client.get(address).content.decode()
    if address == "/de/":  # the home page belongs to no process
        assert banner not in shown
        return
    assert banner in shown
    assert title in shown
    notice.is_withdrawn = True
    notice.save_revision().publish()
    assert banner not in client.get(address).content.decode()
    # Still readable in the news, marked.
    page = client.get(NOTICE.format(lang="de")).content.decode()
    assert title in page


def test_a_notice_withdrawn_in_german_is_withdrawn_in_every_language(client):
    notice = ArticlePage.objects.get(locale__language_code="de", kind="notice")
    arabic = notice.get_translation(Locale.objects.get(language_code="ar"))
    banner = f'class="kern-link mp-process-notice__more" href="{arabic.url}"'
    assert banner in client.get("/ar/lip/").content.decode()
    notice.is_withdrawn = True
    notice.save_revision().publish()
    assert banner not in client.get("/ar/lip/").content.decode()
    arabic.refresh_from_db()
    assert arabic.is_withdrawn


def test_the_pause_notice_of_the_process_stays_in_the_banner(client):
    page = client.get("/de/lip/").content.decode()
    assert "Wegen der Corona-Pandemie ruht die Arbeit" in page


def test_the_banner_reads_the_cache_not_the_database(client, django_assert_num_queries):
    from mitplan.processes.models import Process

    process = Process.objects.get(slug="lip-2")
    with translation.override("de"):
        selectors.current_notices(process)  # fills the cache
        with django_assert_num_queries(0):
            notices = selectors.current_notices(process)
    assert [n.title for n in notices] == ["Online-Befragung läuft trotz Corona weiter"]


def test_a_notice_past_its_end_is_not_shown():
    from datetime import timedelta

    from django.utils import timezone

    from mitplan.processes.models import Process

    notice = ArticlePage.objects.get(locale__language_code="de", kind="notice")
    notice.notice_ends_at = timezone.now() - timedelta(minutes=1)
    notice.save_revision().publish()
    with translation.override("de"):
        assert selectors.current_notices(Process.objects.get(slug="lip-2")) == []


# --- Feeds ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["atom", "rss"])
@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("de", "Online-Befragung läuft trotz Corona weiter"),
        ("en", "The online survey goes on despite Corona"),
    ],
)
def test_the_feeds_parse_and_speak_the_readers_language(client, kind, lang, title):
    response = client.get(f"{INDEX.format(lang=lang)}{kind}/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.get("language", lang).startswith(lang)
    titles = [entry.title for entry in feed.entries]
    assert title in titles
    entry = feed.entries[titles.index(title)]
    assert entry.link == "http://testserver" + NOTICE.format(
        lang=lang
    )  # the host asked


def test_the_feed_of_every_process_lists_the_process_news(client):
    feed = feedparser.parse(client.get("/en/aktuelles/atom/").content)
    assert "The online survey goes on despite Corona" in [e.title for e in feed.entries]


def test_every_page_announces_the_feeds_in_its_head(client):
    for address in ("/de/", "/de/lip/", "/de/lip/handlungsfelder/"):
        head = client.get(address).content.decode().split("</head>")[0]
        assert 'rel="alternate" type="application/atom+xml"' in head, address
        assert 'href="/de/aktuelles/atom/"' in head
    assert 'href="/de/lip/aktuelles/rss/"' in client.get("/de/lip/").content.decode()


# --- Who may publish ---------------------------------------------------------------------


def test_an_editor_drafts_and_a_process_owner_publishes():
    User = get_user_model()
    index = index_de()
    editor = User.objects.create_user("editor", "e@example.org", "x")
    editor.groups.add(editors_group())
    owner = User.objects.create_user("owner", "o@example.org", "x")
    owner.groups.add(roles.group_of(roles.PROCESS_OWNERS))
    assert index.permissions_for_user(editor).can_add_subpage()
    draft = ArticlePage(title="Entwurf", slug="entwurf", teaser="Kurz.", live=False)
    index.add_child(instance=draft)
    assert not draft.permissions_for_user(editor).can_publish()
    assert draft.permissions_for_user(owner).can_publish()
    assert draft.get_workflow() == articles_workflow()


def test_the_workflow_is_set_up_once_however_often_it_runs():
    from mitplan.news.workflow import news_workflow_ensure

    news_workflow_ensure()
    news_workflow_ensure()
    assert articles_workflow().workflow_tasks.count() == 1


def test_an_article_can_be_previewed():
    article = ArticlePage.objects.get(locale__language_code="de", kind="notice")
    article.title = "Noch nicht veröffentlicht"
    response = article.make_preview_request()
    assert response.status_code == 200
    assert "Noch nicht veröffentlicht" in response.rendered_content


# --- Demo ------------------------------------------------------------------------------


def test_the_demo_news_are_there_in_german_english_arabic_and_turkish(client):
    german = ArticlePage.objects.filter(locale__language_code="de", live=True)
    assert german.count() == 7
    for lang, title in [
        ("en", "The online survey goes on despite Corona"),
        ("ar", "الاستطلاع عبر الإنترنت مستمر رغم كورونا"),
        ("tr", "Çevrimiçi anket Korona'ya rağmen devam ediyor"),
    ]:
        page = html.unescape(client.get(NOTICE.format(lang=lang)).content.decode())
        assert title in page
    assert not PageLogEntry.objects.filter(action="wagtail.delete").exists()
    assert all(a.image_alt and a.image_credit for a in german if a.image_id)


def test_the_old_address_of_the_interim_results_leads_to_the_article(client):
    response = client.get("/de/lip/zwischenergebnisse-online-befragung/")
    assert response.status_code == 301
    assert response["Location"].endswith(
        "/de/lip/aktuelles/zwischenergebnisse-online-befragung/"
    )
    assert Page.objects.filter(slug="zwischenergebnisse-online-befragung").exists()
