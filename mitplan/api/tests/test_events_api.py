"""Events in the open data API: what a calendar app needs, never the online link
nor anyone's name or address, in the same number of queries for 1 or 5 events."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mitplan.events import services
from mitplan.events.models import DialogueResult
from mitplan.events.tests.factories import event_build, process_open_for_events

pytestmark = pytest.mark.django_db

LIST = "/api/v1/processes/lip-2/events"


@pytest.fixture
def open_process(process):
    return process_open_for_events(process)


def confirmed(event, email):
    registration = services.registration_request(
        event=event, name="Erika Beispiel", email=email, needs="Rampe", language="de"
    )
    return services.registration_confirm(token=services.confirm_token(registration))


def test_the_list_gives_times_venue_accessibility_and_free_seats(client, open_process):
    event = event_build(
        open_process,
        capacity=3,
        has_step_free_access=True,
        interpretation_languages="Arabisch",
        online_url="https://video.example.org/geheim-42",
    )
    confirmed(event, "erika@example.org")
    response = client.get(LIST)
    assert response.status_code == 200
    [item] = [item for item in response.json() if item["slug"] == "test-event"]
    assert item["venue"]["name"] == "Neues Rathaus"
    assert item["accessibility"]["step_free_access"] is True
    assert item["accessibility"]["interpretation_languages"] == "Arabisch"
    assert item["registration"] == {
        "required": True,
        "is_open": True,
        "closed_reason": "",
        "capacity": 3,
        "free_seats": 2,
        "has_waiting_list": True,
    }
    assert item["is_online"] is True and item["is_postponed"] is False
    assert item["url"].startswith("http://testserver/") and item["url"].endswith(
        "/test-event/"
    )
    assert item["calendar_url"] == item["url"] + "kalender/"
    text = response.content.decode()
    for secret in ("geheim-42", "erika@example.org", "Erika Beispiel", "Rampe"):
        assert secret not in text


def test_the_detail_has_the_dialogue_results_without_the_hosts(client, open_process):
    event = event_build(open_process, allows_registration=False)
    DialogueResult.objects.create(
        page=event,
        topic="Bildung",
        host="Tischpatin Fiktiva",
        outcomes="Mehr Sprachkurse\n\nKita-Plätze",
    )
    response = client.get(LIST + "/test-event")
    assert response.status_code == 200
    body = response.json()
    assert body["results"] == [
        {"topic": "Bildung", "outcomes": ["Mehr Sprachkurse", "Kita-Plätze"]}
    ]
    assert body["registration"]["required"] is False
    assert body["registration"]["free_seats"] is None
    assert "Fiktiva" not in response.content.decode()


def test_a_paused_process_shows_its_upcoming_events_postponed(client, open_process):
    event_build(open_process)
    open_process.status = open_process.Status.PAUSED
    open_process.save()
    [item] = [e for e in client.get(LIST).json() if e["slug"] == "test-event"]
    assert item["is_postponed"] is True
    assert item["registration"]["is_open"] is False
    assert item["registration"]["closed_reason"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/processes/nirgends/events",
        LIST + "/nirgends",
        LIST + "/%C3%A4rger",
        "/api/v1/processes/nirgends/events/test-event",
    ],
)
def test_unknown_processes_and_events_are_not_found_as_json(client, open_process, path):
    event_build(open_process)
    response = client.get(path, headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    # In the client's language, and caches told so.
    arabic = client.get(path, headers={"Accept-Language": "ar"})
    assert arabic.json() == {"detail": "غير موجود."}
    assert "Accept-Language" in arabic["Vary"]


def test_drafts_are_not_listed(client, open_process):
    event = event_build(open_process)
    event.unpublish()
    assert "test-event" not in {item["slug"] for item in client.get(LIST).json()}
    assert client.get(LIST + "/test-event").status_code == 404


def test_the_list_costs_the_same_queries_for_one_or_five_events(client, open_process):
    event_build(open_process)
    with CaptureQueriesContext(connection) as one:
        before = len(client.get(LIST).json())
    for number in range(2, 6):
        event = event_build(open_process, slug=f"event-{number}")
        confirmed(event, f"person-{number}@example.org")
    with CaptureQueriesContext(connection) as five:
        assert len(client.get(LIST).json()) == before + 4
    assert len(five) == len(one)
