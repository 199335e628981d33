import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from mitplan.core.templatetags.translations import brief
from mitplan.organisations.models import Organisation
from mitplan.processes.models import ExpertGroupMember, FieldOfAction, Process

from .factories import AdvisorFactory

pytestmark = pytest.mark.django_db

PROCESS_PAGES = [
    "/{lang}/lip/",
    "/{lang}/lip/handlungsfelder/",
    "/{lang}/lip/handlungsfelder/bildung/",
    "/{lang}/kontakt/{advisor}/",
]


@pytest.mark.parametrize("lang", ["de", "en", "ar", "fa", "ru"])
@pytest.mark.parametrize("url", PROCESS_PAGES)
def test_every_page_of_a_paused_process_shows_the_notice(client, advisor, lang, url):
    response = client.get(url.format(lang=lang, advisor=advisor.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "mp-process-notice" in html
    # The notice in brief, in the reader's language where it is translated.
    with translation.override(lang):
        notice = brief(Process.objects.get(slug="lip-2").status_notice)
    assert escape(notice) in html


def test_notice_in_an_untranslated_language_is_marked_german(client):
    html = client.get("/ar/lip/").content.decode()
    assert 'lang="de"' in html
    assert 'dir="rtl"' in html


def test_field_page_shows_expert_group_and_advisors_without_hidden_addresses(client):
    html = client.get("/de/lip/handlungsfelder/bildung/").content.decode()
    assert "Fachgruppe Bildung" in html
    assert "Erika Mustermann" in html
    assert "Dr. Erika Mustermann" in html
    # The advisor's address is not public: only the contact form link is shown.
    assert "mustermann@example.org" not in html
    assert "/de/kontakt/" in html


def test_members_without_consent_are_not_listed(client):
    ExpertGroupMember.objects.filter(name="Jan Platzhalter").update(
        is_listed_publicly=False
    )
    html = client.get("/de/lip/handlungsfelder/bildung/").content.decode()
    assert "Jan Platzhalter" not in html


def test_field_page_in_english_uses_english_texts(client):
    html = client.get("/en/lip/handlungsfelder/bildung/").content.decode()
    assert "<h1" in html and "Education" in html
    assert "Expert group Education" in html


def test_unknown_field_is_404_in_the_page_language(client):
    response = client.get("/en/lip/handlungsfelder/unbekannt/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_field_page_queries_do_not_grow_with_advisors_and_members(
    client, django_assert_max_num_queries
):
    field = FieldOfAction.objects.get(slug="bildung")
    client.get("/de/lip/handlungsfelder/bildung/")  # warm caches (site root paths)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get("/de/lip/handlungsfelder/bildung/")
    spent = len(before)  # counted now: the next request starts a new query log
    organisation = Organisation.objects.create(
        name="Weitere Beispiel e. V.", kind="other"
    )
    for number in range(12):
        AdvisorFactory(organisation=organisation).fields_of_action.add(field)
        field.expert_group.members.create(
            name=f"Mitglied {number}", organisation=organisation
        )
    # Warm again: what the site keeps until data changes is read anew once.
    client.get("/de/lip/handlungsfelder/bildung/")
    with django_assert_max_num_queries(spent):
        response = client.get("/de/lip/handlungsfelder/bildung/")
    assert response.content.decode().count('href="/de/kontakt/') == 13


def test_portal_lists_all_six_fields_and_the_timeline(client):
    html = client.get("/de/lip/").content.decode()
    for name in [
        "Bildung",
        "Wirtschaft",
        "Soziales",
        "Stadtleben",
        "Demokratie",
        "Stadtverwaltung",
    ]:
        assert name in html
    assert "Drucks. 2136/2018" in html
    assert "Auftaktveranstaltung" in html
    assert "Ratsbeschluss" in html
    assert "Prozess pausiert" in html or "Process paused" in html


def test_readers_get_no_cookie(advisor):
    client = Client()
    for url in [
        "/de/",
        "/de/lip/",
        "/ar/lip/handlungsfelder/demokratie/",
        "/en/impressum/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, (url, response.cookies)


def test_contacts_page_lists_every_advisor_by_field(client):
    html = client.get("/ar/lip/ansprechpersonen/").content.decode()
    for name in ["Dr. Erika Mustermann", "Leyla Musterfrau", "Maria Musterova"]:
        assert name in html
    assert 'href="/ar/lip/ansprechpersonen/"' in client.get("/ar/").content.decode()


def test_phone_numbers_dial_and_read_left_to_right(client):
    from mitplan.processes.models import Advisor

    Advisor.objects.filter(name="Dr. Erika Mustermann").update(
        phone="+49 (0)511 168-12345"
    )
    html = client.get("/ar/lip/handlungsfelder/bildung/").content.decode()
    assert 'href="tel:+4951116812345" dir="ltr"' in html
