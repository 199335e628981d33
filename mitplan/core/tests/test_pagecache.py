"""Reader pages from the shared cache: served again without rendering, and never
older than the last committed change."""

import gzip

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import ngettext

from conftest import staff_member
from mitplan.comments.services import comment_add
from mitplan.contributions import services as contribution_services
from mitplan.contributions.tests.factories import ContributionFactory
from mitplan.core import pagecache
from mitplan.processes.models import Phase, Process
from mitplan.processes.roles import PROCESS_OWNERS

pytestmark = pytest.mark.django_db

LIST = "/de/lip/beitraege/"
PORTAL = "/de/lip/"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.MITPLAN_PAGE_CACHE = True


@pytest.fixture
def reader():
    """A resident reading: no cookie, asks for compressed pages as browsers do."""
    return Client(headers={"Accept-Encoding": "gzip, deflate, br"})


def detail(contribution):
    return f"/de/lip/beitraege/{contribution.pk}/"


def text(response) -> str:
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode()


def supports(count: int) -> tuple[str, str]:
    """The count as the list and the detail page say it in German."""
    with translation.override("de"):
        return (
            ngettext("%(counter)s support", "%(counter)s supports", count)
            % {"counter": count},
            ngettext(
                "%(counter)s person supports this.",
                "%(counter)s people support this.",
                count,
            )
            % {"counter": count},
        )


def test_a_readers_page_is_served_again_from_the_cache_without_queries(reader):
    first = reader.get(PORTAL)
    assert first["X-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = reader.get(PORTAL)
    assert second["X-Cache"] == "hit"
    assert len(queries) == 0
    assert text(second) == text(first)
    assert second["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert second["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in second["Vary"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    # A browser or proxy that kept it asks again and gets "not modified".
    again = reader.get(PORTAL, headers={"If-None-Match": second["ETag"]})
    assert again.status_code == 304 and again.content == b""


def test_without_gzip_the_same_page_comes_uncompressed(reader):
    compressed = reader.get(PORTAL)
    plain = Client().get(PORTAL)
    assert "Content-Encoding" not in plain
    assert plain.content.decode() == text(compressed)
    assert len(compressed.content) < len(plain.content) / 3


def test_a_support_changes_the_count_on_list_and_detail_at_once(reader):
    contribution = ContributionFactory(title="Abendkurse für Eltern")
    in_list, on_detail = supports(0)
    assert in_list in text(reader.get(LIST))
    assert on_detail in text(reader.get(detail(contribution)))
    assert reader.get(LIST)["X-Cache"] == "hit"
    assert reader.get(detail(contribution))["X-Cache"] == "hit"

    contribution_services.support_add(contribution=contribution, token="erika-token")

    in_list, on_detail = supports(1)
    assert in_list in text(reader.get(LIST))
    assert on_detail in text(reader.get(detail(contribution)))


def test_a_comment_shows_at_once(reader):
    contribution = ContributionFactory()
    assert "Gute Idee, Erika Beispiel" not in text(reader.get(detail(contribution)))
    comment_add(
        contribution=contribution, text="Gute Idee, Erika Beispiel", language="de"
    )
    assert "Gute Idee, Erika Beispiel" in text(reader.get(detail(contribution)))


def test_a_moderation_step_shows_at_once(reader):
    contribution = ContributionFactory(title="Ein Titel zum Zurückweisen")
    assert "Ein Titel zum Zurückweisen" in text(reader.get(LIST))
    assert reader.get(detail(contribution)).status_code == 200
    staff = staff_member("moderation", PROCESS_OWNERS)
    contribution_services.contribution_reject(
        contribution=contribution, reason="Doppelt", actor=staff
    )
    assert "Ein Titel zum Zurückweisen" not in text(reader.get(LIST))
    assert reader.get(detail(contribution)).status_code == 404


def test_a_page_publish_shows_at_once(reader):
    from mitplan.cms.models import HomePage, StandardPage

    assert "Neu im Menü" not in text(reader.get("/de/"))
    assert reader.get("/de/")["X-Cache"] == "hit"
    home = HomePage.objects.get(locale__language_code="de")
    page = home.add_child(
        instance=StandardPage(title="Neu im Menü", slug="neu", show_in_menus=True)
    )
    page.save_revision().publish()
    assert "Neu im Menü" in text(reader.get("/de/"))
    page.unpublish()
    assert "Neu im Menü" not in text(reader.get("/de/"))


def test_a_phase_switch_by_staff_shows_at_once(reader):
    contribution = ContributionFactory()
    assert 'name="submission"' in text(reader.get(detail(contribution)))
    assert reader.get(detail(contribution))["X-Cache"] == "hit"
    for phase in Phase.objects.all():  # as staff do in the admin
        phase.actions = [code for code in phase.actions if code != "comments"]
        phase.save()
    assert 'name="submission"' not in text(reader.get(detail(contribution)))


def test_a_write_without_signals_retires_the_pages(reader):
    """QuerySet.update sends no signal: the database writes themselves count."""
    contribution = ContributionFactory(title="Vorher")
    assert "Vorher" in text(reader.get(LIST))
    type(contribution).objects.filter(pk=contribution.pk).update(title="Nachher")
    page = text(reader.get(LIST))
    assert "Nachher" in page and "Vorher" not in page


def test_a_phase_switch_by_date_shows_on_that_day(reader):
    process = Process.objects.get(slug="lip-2")
    phase = process.phases.order_by("starts_on").last()
    page = text(reader.get(PORTAL))
    with time_machine.travel(phase.starts_on, tick=False):
        assert reader.get(PORTAL)["X-Cache"] == "miss"
    assert reader.get(PORTAL)["X-Cache"] == "hit"
    assert text(reader.get(PORTAL)) == page


def test_a_pause_shows_at_once(reader):
    from mitplan.processes.services import process_pause, process_resume

    process = Process.objects.get(slug="lip-2")
    if process.is_paused:
        process_resume(process=process, shift_phases=False)
        process.refresh_from_db()
    assert "Erika Beispiels Pausengrund" not in text(reader.get(PORTAL))
    process_pause(process=process, notice={"de": "Erika Beispiels Pausengrund"})
    assert "Erika Beispiels Pausengrund" in text(reader.get(PORTAL))


def test_a_signed_in_person_never_gets_a_cached_page_nor_fills_the_cache(reader):
    reader.get(LIST)
    assert reader.get(LIST)["X-Cache"] == "hit"
    person = Client()
    person.force_login(
        get_user_model().objects.create_user(username="erika", password="x" * 12)
    )
    response = person.get(LIST)
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "Content-Encoding" not in response

    cache.clear()
    person.get(PORTAL)
    assert reader.get(PORTAL)["X-Cache"] == "miss"


def test_the_supporter_cookie_bypasses_the_cache(reader):
    contribution = ContributionFactory()
    reader.get(detail(contribution))
    supporter = Client(headers={"Cookie": "mitplan_supporter=abc"})
    assert "X-Cache" not in supporter.get(detail(contribution))


def _middleware(response):
    return pagecache.PageCacheMiddleware(lambda request: response)


@pytest.mark.parametrize(
    "make",
    [
        lambda r: r.set_cookie("messages", "x"),
        lambda r: r.__setitem__("Cache-Control", "private, no-store"),
        lambda r: r.__setitem__("Cache-Control", "no-cache"),
    ],
    ids=["sets a cookie", "private, no-store", "no-cache"],
)
def test_a_response_that_is_not_for_everyone_is_never_stored(make):
    response = HttpResponse("<p>Erika Beispiel</p>" * 50, content_type="text/html")
    make(response)
    request = RequestFactory().get(PORTAL, HTTP_ACCEPT_ENCODING="gzip")
    served = _middleware(response)(request)
    assert "X-Cache" not in served and "Content-Encoding" not in served
    assert cache.get(pagecache.page_key(RequestFactory().get(PORTAL))) is None


def test_posts_are_never_served_from_the_cache(reader):
    contribution = ContributionFactory()
    reader.get(detail(contribution))
    response = reader.post(
        detail(contribution), headers={"Origin": "http://testserver"}
    )
    assert "X-Cache" not in response


def test_query_order_does_not_matter_but_values_do(reader):
    reader.get(LIST + "?kind=idea&sort=supported")
    assert reader.get(LIST + "?sort=supported&kind=idea")["X-Cache"] == "hit"
    assert reader.get(LIST + "?sort=newest&kind=idea")["X-Cache"] == "miss"


def test_free_text_and_invented_parameters_fill_no_cache(reader):
    """One entry per string a client can invent would fill the disk: searches,
    made-up parameter names and over-long values are rendered, never stored."""
    from django.core.cache import cache

    for query in (
        "?q=Sprachcaf%C3%A9",
        "?zzz=1",
        "?kind=" + "x" * 101,
        "?field=made-up",  # a name the page takes, a value it does not offer
        "?sort=newest&sort=newest",
        "?page=abc",
        "?page=01",
    ):
        first = reader.get(LIST + query)
        assert first.status_code == 200 and "X-Cache" not in first
        assert "X-Cache" not in reader.get(LIST + query)
        assert cache.get(pagecache.page_key(first.wsgi_request)) is None
    assert reader.get(LIST + "?kind=idea")["X-Cache"] == "miss"
    assert reader.get(LIST + "?kind=idea")["X-Cache"] == "hit"


def test_one_page_is_one_entry_whatever_the_port_or_the_digits(reader):
    from mitplan.contributions.models import Contribution

    assert reader.get(LIST, HTTP_HOST="testserver")["X-Cache"] == "miss"
    for host in ("testserver:1", "TESTSERVER:8080"):
        assert reader.get(LIST, HTTP_HOST=host)["X-Cache"] == "hit"
    pk = Contribution.objects.published().first().pk
    moved = reader.get(f"/de/lip/beitraege/0{pk}/")
    assert moved.status_code == 301 and moved["Location"].endswith(f"/{pk}/")


def test_pages_are_kept_compressed_only(reader):
    from django.core.cache import cache

    response = reader.get(PORTAL)
    entry = cache.get(pagecache.page_key(response.wsgi_request))
    assert entry["gzip"] and entry["body"][:2] == b"\x1f\x8b"


def test_bookkeeping_writes_keep_the_pages():
    assert not pagecache.changes_pages('INSERT INTO "django_session" ("x") VALUES (1)')
    assert not pagecache.changes_pages('UPDATE "core_ratecounter" SET "count" = 2')
    assert not pagecache.changes_pages('SELECT "id" FROM "contributions_contribution"')
    assert pagecache.changes_pages('UPDATE "contributions_contribution" SET "x" = 1')
    assert pagecache.changes_pages(
        'INSERT OR IGNORE INTO "taggit_tag" ("x") VALUES (1)'
    )
    assert pagecache.changes_pages('DELETE FROM "comments_comment" WHERE 1')
    assert pagecache.changes_pages("ALTER TABLE x ADD COLUMN y int")


def test_languages_are_kept_apart(reader):
    de = text(reader.get(PORTAL))
    en = text(reader.get("/en/lip/"))
    assert de != en
    assert reader.get("/en/lip/")["X-Cache"] == "hit"
    api_de = reader.get("/api/v1/processes", headers={"Accept-Language": "de"})
    api_en = reader.get("/api/v1/processes", headers={"Accept-Language": "en"})
    assert api_en["X-Cache"] == "miss"
    assert "Accept-Language" in api_en["Vary"]
    assert api_de.status_code == api_en.status_code == 200
