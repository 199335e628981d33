"""The event pages: validation, the calendar files and the structured data parsed
back, postponed during a pause, the list at constant queries, personal data."""

import json
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from icalendar import Calendar

from mitplan.core.privacy import Person
from mitplan.events import privacy, services
from mitplan.events.models import Registration
from mitplan.processes.models import Process

from .factories import event_build, event_index, process_open_for_events

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_process(process):
    return process_open_for_events(process)


def test_an_event_must_end_after_it_starts(open_process):
    event = event_build(open_process)
    event.ends_at = event.starts_at - timedelta(minutes=1)
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            event.full_clean()
        # Read inside the override: the message is translated when read.
        assert "must end after it starts" in str(refused.value)


def test_the_event_knows_its_process(open_process):
    assert event_build(open_process).process_id == open_process.pk


def test_the_calendar_file_parses_back_without_the_online_link(client, open_process):
    event = event_build(open_process, online_url="https://video.example.org/geheim")
    response = client.get(event.url + "kalender/")
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="test-event.ics"' in response["Content-Disposition"]
    [entry] = Calendar.from_ical(response.content).walk("VEVENT")
    assert entry.decoded("dtstart") == event.starts_at
    assert entry.decoded("dtend") == event.ends_at
    assert str(entry["summary"]) == "Dialogrunde Bildung"
    assert "geheim" not in response.content.decode()
    # The same UID however often it is fetched, and in every language.
    again = client.get("/en" + event.url[3:] + "kalender/")
    [other] = Calendar.from_ical(again.content).walk("VEVENT")
    assert str(other["uid"]) == str(entry["uid"])


def test_the_process_feed_has_every_event_once(client, open_process):
    first = event_build(open_process, slug="one")
    event_build(open_process, slug="two", title="Zweite")
    response = client.get(event_index(open_process).url + "kalender/")
    entries = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(entries) >= 2
    assert sorted(str(e["summary"]) for e in entries).count("Zweite") == 1
    assert first.starts_at in [e.decoded("dtstart") for e in entries]


def json_ld(response) -> dict:
    found = re.search(
        r'<script type="application/ld\+json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(found.group(1))


def test_the_page_carries_schema_org_event_data(client, open_process):
    event = event_build(open_process, title="Auftakt </script><b>")
    data = json_ld(client.get(event.url))
    assert data["@type"] == "Event"
    assert data["name"] == "Auftakt </script><b>"
    assert data["startDate"] == timezone.localtime(event.starts_at).isoformat()
    assert data["endDate"].endswith(("+01:00", "+02:00"))
    assert data["location"]["address"]["addressLocality"] == "Hannover"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"


def test_during_a_pause_upcoming_events_are_postponed(client, open_process):
    event = event_build(open_process)
    open_process.status = Process.Status.PAUSED
    open_process.save()
    data = json_ld(client.get(event.url))
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    [entry] = Calendar.from_ical(client.get(event.url + "kalender/").content).walk(
        "VEVENT"
    )
    assert str(entry["status"]) == "TENTATIVE"


def test_the_process_calendar_costs_the_same_queries_for_2_or_12_events(
    client, open_process
):
    url = event_index(open_process).url + "kalender/"
    event_build(open_process, slug="e0")
    event_build(open_process, slug="e1")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(2, 12):
        event_build(open_process, slug=f"e{n}")
    client.get(url)  # the caches count the new data once
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_the_list_costs_the_same_queries_for_2_or_12_events(client, open_process):
    index = event_index(open_process)
    event_build(open_process, slug="e0")
    event_build(open_process, slug="e1")
    client.get(index.url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(index.url).status_code == 200
    for n in range(2, 12):
        event_build(open_process, slug=f"e{n}")
    client.get(index.url)
    with CaptureQueriesContext(connection) as many:
        assert client.get(index.url).status_code == 200
    assert len(many) == len(few)


def test_past_events_are_listed_apart(client, open_process):
    past = event_build(
        open_process, slug="past", starts_at=timezone.now() - timedelta(days=30)
    )
    index = event_index(open_process)
    assert past.title in client.get(index.url + "vergangene/").content.decode()


def _registered(event, email):
    registration = services.registration_request(
        event=event, name="Erika", email=email, needs="Rampe", language="de"
    )
    return services.registration_confirm(token=services.confirm_token(registration))


def test_download_my_data_and_erasure_go_by_address(open_process):
    event = event_build(open_process)
    _registered(event, "erika@example.org")
    _registered(event, "other@example.org")
    person = Person(user=None, addresses=frozenset({"erika@example.org"}))
    [exported] = privacy._export(person)
    assert exported["needs"] == "Rampe"
    assert exported["status"] == "confirmed"
    privacy._erase(person)
    assert list(Registration.objects.values_list("email", flat=True)) == [
        "other@example.org"
    ]


def test_attendees_are_deleted_the_retention_time_after_the_event(
    open_process, settings
):
    settings.RETENTION_EVENT_ATTENDEES_DAYS = 30
    event = event_build(open_process)
    _registered(event, "erika@example.org")
    after = event.ends_at + timedelta(days=29)
    assert privacy.registrations_expire(now=after) == 0
    assert privacy.registrations_expire(now=after + timedelta(days=2)) == 1
    assert not Registration.objects.exists()
