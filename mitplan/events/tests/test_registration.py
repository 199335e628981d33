"""Registering for an event without an account, as residents do it with the test
client: the form, the mail with the confirmation link, the seat or the waiting list,
the personal link that cancels, and the next person moving up once. Bad input gets
a form error in the page's language, never a 500; broken links a clear page."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone, translation

from mitplan.events import services
from mitplan.events.models import Registration
from mitplan.processes.models import Process

from .factories import event_build, process_open_for_events

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(process):
    return event_build(process_open_for_events(process), capacity=2)


def form_data(**overrides):
    from mitplan.core.spam import FreshTimestampInput

    with time_machine.travel(timezone.now() - timedelta(minutes=5), tick=False):
        started = FreshTimestampInput().format_value(None)
    return {
        "name": "Erika Beispiel",
        "email": "erika@example.org",
        "needs": "Dolmetschen ins Arabische",
        "consent": "on",
        "started": started,
        "website": "",
        **overrides,
    }


def request(event, email, name="Test Person", language="de"):
    return services.registration_request(
        event=event, name=name, email=email, needs="", language=language
    )


def confirmed(event, email, **kwargs):
    registration = request(event, email, **kwargs)
    return services.registration_confirm(token=services.confirm_token(registration))


def link_in(message, route: str) -> str:
    return re.search(rf"http://\S+/{route}/\S+/", message.body).group(0)


def test_the_form_stores_a_pending_registration_and_mails_the_confirmation_link(
    client, event
):
    response = client.post(event.url, form_data())
    assert response.status_code == 302
    assert response["Location"].endswith("/angemeldet/")
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.PENDING
    assert registration.needs == "Dolmetschen ins Arabische"
    assert registration.language == "de"
    [message] = mail.outbox
    assert message.to == ["erika@example.org"]
    assert "/bestaetigen/" in message.body


def test_a_registration_whose_mail_cannot_go_out_is_not_stored_and_can_be_sent_again(
    client, event
):
    from unittest import mock

    data = form_data(needs="Ein Platz am Fenster, bitte")
    with mock.patch(
        "django.core.mail.EmailMessage.send", side_effect=OSError("server away")
    ):
        refused = client.post(event.url, data)
    # Never "we sent you a mail": the form again, with what was typed.
    assert refused.status_code == 503
    assert "Ein Platz am Fenster, bitte" in refused.content.decode()
    assert not Registration.objects.exists()
    assert client.post(event.url, data).status_code == 302
    assert Registration.objects.count() == 1 and len(mail.outbox) == 1


def test_confirming_takes_a_seat_and_mails_the_online_link_and_the_personal_link(
    client, event
):
    event.online_url = "https://video.example.org/raum-42"
    event.save_revision().publish()
    client.post(event.url, form_data())
    confirm = link_in(mail.outbox[0], "bestaetigen").replace("http://testserver", "")
    # Opening the link only asks (mail scanners open links too).
    page = client.get(confirm)
    assert page.status_code == 200
    assert Registration.objects.get().status == Registration.Status.PENDING
    response = client.post(confirm)
    assert response.status_code == 302
    assert Registration.objects.get().status == Registration.Status.CONFIRMED
    assert "raum-42" in mail.outbox[1].body
    personal = client.get(response["Location"])
    assert "https://video.example.org/raum-42" in personal.content.decode()
    assert (
        personal["Cache-Control"].startswith("max-age=0")
        or "no-store" in (personal["Cache-Control"])
    )
    # The public page never shows the link.
    assert "raum-42" not in client.get(event.url).content.decode()


def test_when_the_seats_are_taken_confirmed_people_wait_and_are_told_so(event):
    confirmed(event, "a@example.org")
    confirmed(event, "b@example.org")
    third = confirmed(event, "c@example.org")
    assert third.status == Registration.Status.WAITING
    assert "waiting list" in mail.outbox[-1].subject or "Warteliste" in (
        mail.outbox[-1].subject
    )


def test_an_unconfirmed_registration_takes_no_seat(event):
    request(event, "a@example.org")
    request(event, "b@example.org")
    third = confirmed(event, "c@example.org")
    assert third.status == Registration.Status.CONFIRMED


def test_cancelling_frees_the_seat_and_moves_the_next_person_up_once(event):
    first = confirmed(event, "a@example.org")
    confirmed(event, "b@example.org")
    waiting_1 = confirmed(event, "c@example.org")
    waiting_2 = confirmed(event, "d@example.org")
    mail.outbox.clear()
    token = services.personal_token(first)
    services.registration_cancel(token=token)
    services.registration_cancel(token=token)  # the link clicked twice
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "a@example.org": "cancelled",
        "b@example.org": "confirmed",
        "c@example.org": "confirmed",
        "d@example.org": "waiting",
    }
    assert [m.to for m in mail.outbox] == [["c@example.org"]]
    assert waiting_1.pk != waiting_2.pk


def test_cancelling_from_the_personal_page_needs_no_account(client, event):
    registration = confirmed(event, "a@example.org")
    url = event.url + event.reverse_subpage(
        "registration", args=[services.personal_token(registration)]
    )
    response = client.post(url, {"cancel": "1"})
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_registering_the_same_address_twice_says_so_and_takes_no_second_seat(
    client, event
):
    confirmed(event, "erika@example.org")
    with translation.override("en"):
        response = client.post("/en" + event.url[3:], form_data())
    assert response.status_code == 400
    assert "already registered for this event" in response.content.decode()
    assert Registration.objects.count() == 1


def test_the_same_address_in_another_spelling_is_the_same_person(event):
    confirmed(event, "erika@example.org")
    with translation.override("en"):
        with pytest.raises(Exception) as refused:
            request(event, "ERIKA@Example.org")
        assert "already registered" in str(refused.value)


def test_the_same_form_sent_again_with_other_content_stores_nothing_and_says_so(
    client, event
):
    key = "b-" + "c" * 32
    client.post(event.url, form_data(submission=key))
    with translation.override("en"):
        changed = client.post(
            event.url,
            form_data(submission=key, email="carol@example.org", name="Carol"),
            HTTP_ACCEPT_LANGUAGE="de",
        )
    assert changed.status_code == 409
    html = changed.content.decode()
    assert "carol@example.org" in html  # what was typed is kept
    assert f'value="{key}"' not in html  # with a fresh key, so sending again stores it
    assert [r.email for r in Registration.objects.all()] == ["erika@example.org"]
    assert [message.to for message in mail.outbox] == [["erika@example.org"]]


def test_the_same_form_sent_twice_registers_once(client, event):
    data = form_data(submission="b-" + "a" * 32)
    client.post(event.url, data)
    client.post(event.url, data)
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "overrides",
    [
        {"email": "not-an-address"},
        {"email": "a@b@example.org"},
        {"name": "x" * 10_000},
        {"name": "Null\x00Byte"},
        {"needs": "y" * 100_000},
        {"consent": ""},
        {"name": ""},
        {"email": "ümlaut@exämple.org\x00"},
    ],
)
def test_bad_input_gets_a_form_error_and_stores_nothing(client, event, overrides):
    with translation.override("en"):
        response = client.post("/en" + event.url[3:], form_data(**overrides))
    assert response.status_code == 400
    assert "kern-form-input__error" in response.content.decode() or (
        "error" in response.content.decode().lower()
    )
    assert not Registration.objects.exists()


def test_non_ascii_names_and_addresses_are_fine(client, event):
    response = client.post(
        event.url, form_data(name="Ахмед ابراهيم", email="ahmed@bücher.de")
    )
    assert response.status_code == 302
    assert Registration.objects.get().email == "ahmed@bücher.de"


def test_a_forged_link_gets_a_clear_page(client, event):
    url = event.url + "bestaetigen/forged-token/"
    with translation.override("en"):
        response = client.get("/en" + url[3:])
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert client.get(event.url + "anmeldung/nonsense/").status_code == 404


def test_an_expired_confirmation_link_gets_a_clear_page(client, event):
    registration = request(event, "a@example.org")
    token = services.confirm_token(registration)
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        response = client.get(event.url + f"bestaetigen/{token}/")
        assert response.status_code == 410
        with pytest.raises(services.LinkInvalid):
            services.registration_confirm(token=token)
    assert "Dieser Link ist abgelaufen" in response.content.decode() or (
        "This link has expired" in response.content.decode()
    )


def test_a_personal_link_cannot_confirm_and_a_confirmation_link_cannot_cancel(event):
    registration = request(event, "a@example.org")
    with pytest.raises(services.LinkInvalid):
        services.registration_confirm(token=services.personal_token(registration))
    with pytest.raises(services.LinkInvalid):
        services.registration_cancel(token=services.confirm_token(registration))
    with pytest.raises(services.LinkInvalid):
        services.registration_cancel(
            token="x" * len(services.personal_token(registration))
        )


def test_without_a_waiting_list_a_full_event_refuses_the_confirmation(event):
    event.has_waiting_list = False
    event.capacity = 1
    event.save_revision().publish()
    confirmed(event, "a@example.org")
    late = request(event, "b@example.org")
    assert services.registration_confirm(token=services.confirm_token(late)) is None
    assert not Registration.objects.filter(email="b@example.org").exists()


def test_during_a_pause_the_event_is_postponed_and_registration_closed(client, event):
    process = event.process
    process.status = Process.Status.PAUSED
    process.save()
    with translation.override("en"):
        page = client.get("/en" + event.url[3:]).content.decode()
        assert "postponed" in page.lower()
        assert 'name="email"' not in page
        response = client.post("/en" + event.url[3:], form_data())
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_registration_is_closed_when_the_event_has_started(event):
    with (
        time_machine.travel(event.starts_at + timedelta(minutes=1)),
        translation.override("en"),
    ):
        with pytest.raises(Exception) as refused:
            request(event, "late@example.org")
        assert "Registration has closed" in str(refused.value)


def test_mails_speak_the_registrants_language(event):
    request(event, "en@example.org", language="en")
    assert "Please confirm your registration" in mail.outbox[-1].subject
    assert "/en/" in mail.outbox[-1].body


def test_an_arabic_mail_gives_the_time_as_arabic_pages_do(event):
    from django.utils.formats import date_format

    request(event, "ar@example.org", language="ar")
    starts = timezone.localtime(event.starts_at)
    with translation.override("ar"):
        day = date_format(starts, "DATE_FORMAT")
        hour = date_format(starts, "TIME_FORMAT")
    assert f"{day}, {hour} – " in mail.outbox[-1].body


def test_more_seats_published_by_staff_move_the_waiting_people_up(event):
    confirmed(event, "a@example.org")
    confirmed(event, "b@example.org")
    third = confirmed(event, "c@example.org", language="en")
    fourth = confirmed(event, "d@example.org")
    assert {third.status, fourth.status} == {Registration.Status.WAITING}
    mail.outbox.clear()
    event.capacity = 3
    event.save_revision().publish()
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == Registration.Status.CONFIRMED
    assert fourth.status == Registration.Status.WAITING
    assert [message.to for message in mail.outbox] == [["c@example.org"]]
    assert "A seat is free for you" in mail.outbox[0].subject
    # Publishing again gives nobody a second seat.
    event.save_revision().publish()
    assert Registration.objects.filter(event=event).seated().count() == 3
