"""The demo's events (loaded with the demo into every test database): the model
case's events in German and English, the paused process postponing the upcoming
one, photos with alt text and credit, the kickoff's seven dialogue results."""

import html

import pytest
from wagtail.models import Locale

from mitplan.demo.events import events_create
from mitplan.events.models import EventIndexPage, EventPage

pytestmark = pytest.mark.django_db


def test_the_model_cases_events_are_below_the_portal(process):
    german = EventPage.objects.filter(locale__language_code="de", process=process)
    assert set(german.values_list("slug", flat=True)) == {
        "auftaktveranstaltung",
        "gemeinsame-arbeitskonferenz",
        "wahl-der-delegierten",
        "auswertungsrunde-der-beiraete",
        "dialogrunde-wohnen",
    }
    kickoff = german.get(slug="auftaktveranstaltung")
    assert kickoff.starts_at.date().isoformat() == "2020-01-18"
    assert kickoff.results.count() == 7
    assert all("erfunden" in result.host for result in kickoff.results.all())
    photos = [photo for event in german for photo in event.photos.all()]
    assert photos and all(photo.alt_text and photo.credit for photo in photos)
    assert EventIndexPage.objects.filter(locale__language_code="de").count() == 1


def test_the_upcoming_event_shows_postponed_in_the_paused_model_case(client):
    page = client.get("/de/lip/veranstaltungen/dialogrunde-wohnen/")
    assert page.status_code == 200
    assert "EventPostponed" in page.content.decode()


def test_the_events_read_in_english_and_show_german_elsewhere(client):
    english = html.unescape(
        client.get("/en/lip/veranstaltungen/auftaktveranstaltung/").content.decode()
    )
    assert "Kickoff event" in english
    kickoff = EventPage.objects.get(
        slug="auftaktveranstaltung", locale__language_code="de"
    )
    translated = kickoff.get_translation(Locale.objects.get(language_code="en"))
    assert translated.alias_of_id is None and translated.live
    assert (
        kickoff.get_translation(Locale.objects.get(language_code="ar")).alias_of_id
        == kickoff.pk
    )


def test_loading_again_adds_nothing(process):
    before = EventPage.objects.count()
    assert events_create(process) == []
    assert EventPage.objects.count() == before


def test_an_untranslated_event_marks_only_the_editors_text_as_german(client):
    body = client.get("/ar/lip/veranstaltungen/auftaktveranstaltung/").content.decode()
    assert (
        '<h1 class="kern-heading-x-large" lang="de" dir="ltr">Auftaktveranstaltung'
        in body
    )
    # The interface around it is Arabic and not inside a German element.
    assert '<article class="mp-event">' in body
    assert 'id="event-report">تقرير</h2>' in body


def test_the_process_calendar_speaks_the_readers_language_with_the_same_uids(client):
    from icalendar import Calendar

    def entries(lang):
        body = client.get(f"/{lang}/lip/veranstaltungen/kalender/").content
        return {
            str(e["uid"]): str(e["summary"])
            for e in Calendar.from_ical(body).walk("VEVENT")
        }

    german, english, arabic = entries("de"), entries("en"), entries("ar")
    assert german.keys() == english.keys() == arabic.keys()
    assert "Kickoff event" in english.values()
    assert "Auftaktveranstaltung" in german.values()
    # Arabic: the translated event in Arabic, the untranslated ones in German.
    assert "Auftaktveranstaltung" in arabic.values()
    assert any(
        "\u0600" <= c <= "\u06ff" for summary in arabic.values() for c in summary
    )
