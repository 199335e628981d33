"""Seats under concurrent confirmations on PostgreSQL: real threads, each with its
own connection and committed transactions, released together at a barrier."""

import pytest
from django.db import connection

from mitplan.core.tests.threads import committed, in_threads
from mitplan.events import services
from mitplan.events.models import EventPage, Registration
from mitplan.processes.models import Phase, Process

from .factories import event_build, process_open_for_events

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite's test database takes one writer at a time",
    ),
]


@pytest.fixture
def event(process):
    status = process.status

    def build():
        opened = process_open_for_events(process)
        return event_build(opened, slug="at-once", capacity=5)

    event = committed(build)
    yield event

    def clean():
        Registration.objects.filter(
            event__translation_key=event.translation_key
        ).delete()
        for page in EventPage.objects.filter(translation_key=event.translation_key):
            page.delete()
        Phase.objects.filter(process=process, title="Veranstaltungen").delete()
        Process.objects.filter(pk=process.pk).update(status=status)

    committed(clean)


def test_twenty_confirming_at_once_fill_five_seats_and_fifteen_wait(event):
    pending = committed(
        lambda: [
            services.registration_request(
                event=event,
                name=f"Person {n}",
                email=f"p{n}@example.org",
                needs="",
                language="de",
            )
            for n in range(20)
        ]
    )
    outcomes = in_threads(
        *(
            lambda r=r: services.registration_confirm(token=services.confirm_token(r))
            for r in pending
        )
    )
    assert not [o for o in outcomes if isinstance(o, Exception)]
    statuses = committed(
        lambda: list(
            Registration.objects.filter(event=event).values_list("status", flat=True)
        )
    )
    assert statuses.count("confirmed") == 5
    assert statuses.count("waiting") == 15


def test_cancelling_at_once_moves_each_waiting_person_up_once(event):
    def fill():
        made = []
        for n in range(8):
            r = services.registration_request(
                event=event,
                name="P",
                email=f"c{n}@example.org",
                needs="",
                language="de",
            )
            made.append(services.registration_confirm(token=services.confirm_token(r)))
        return made

    made = committed(fill)
    seated = [r for r in made if r.status == "confirmed"]
    # Each seated person's link clicked twice at the same moment.
    tokens = [services.personal_token(r) for r in seated[:2]] * 2
    in_threads(*(lambda t=t: services.registration_cancel(token=t) for t in tokens))
    statuses = committed(
        lambda: list(
            Registration.objects.filter(event=event).values_list("status", flat=True)
        )
    )
    assert statuses.count("confirmed") == 5
    assert statuses.count("cancelled") == 2
    assert statuses.count("waiting") == 1
