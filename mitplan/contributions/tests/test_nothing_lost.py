"""Issue 7, §1–§3: what a resident sends is stored or refused with their text kept,
never acknowledged and dropped; limits that a client cannot lift; odd input that is
an ordinary error, never a server error."""

import logging
import re
import time
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.db import OperationalError, connection
from django.test import Client

from mitplan.comments.models import Comment
from mitplan.contributions.models import Contribution
from mitplan.core.logging import RefusedRequestsAreWarnings
from mitplan.core.models import RateCounter
from mitplan.core.spam import FreshTimestampInput
from mitplan.moderation.models import Report
from mitplan.notifications.models import Subscription

from .factories import ContributionFactory
from .test_views import NEW, detail, form_data

pytestmark = pytest.mark.django_db


def browser(agent="Firefox", address="203.0.113.7"):
    return Client(
        headers={"Origin": "http://testserver", "User-Agent": agent},
        REMOTE_ADDR=address,
    )


def comment_data(**overrides):
    return {
        "text": "Das finde ich gut, die Abendkurse helfen Eltern.",
        "started": FreshTimestampInput().format_value(None),
        "submission": "b-" + "a1" * 16,
        **overrides,
    }


# --- §1 nothing acknowledged may be lost -----------------------------------------


def test_the_same_key_with_other_content_stores_nothing_and_says_so():
    client = browser()
    data = form_data()
    assert client.post(NEW.format(lang="en"), data).status_code == 302
    edited = {**data, "text": "Ein anderer, ergänzter Text zum Sprachcafé."}
    response = client.post(NEW.format(lang="en"), edited)
    html = response.content.decode()
    assert response.status_code == 409
    assert "had already been sent, with other content" in html
    assert "Ein anderer, ergänzter Text zum Sprachcafé." in html  # the text is kept
    assert Contribution.objects.filter(title=data["title"]).count() == 1
    # The form comes back with a fresh key: sending again stores the edited text.
    fresh = re.findall(r'name="submission" value="([^"]+)"', html)
    assert fresh and fresh[0] != data["submission"]
    client.post(NEW.format(lang="en"), {**edited, "submission": fresh[0]})
    assert Contribution.objects.filter(title=data["title"]).count() == 2


def test_pages_with_a_one_time_key_are_not_shared_by_caches():
    response = browser().get(NEW.format(lang="de"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    # The contribution's page has the comment form: its key is made by the browser,
    # so the page carries none and may be shared.
    contribution = ContributionFactory()
    html = browser().get(detail(contribution)).content.decode()
    assert 'name="submission" value=' not in html
    assert "data-fresh-key" in html


@pytest.mark.parametrize(
    "failure",
    [OperationalError("database or disk is full"), OperationalError("server closed")],
)
def test_a_failed_write_gives_the_form_back_with_the_text(failure):
    client = browser()
    data = form_data(text="Mein Text, der nicht verloren gehen darf.")
    with mock.patch("mitplan.contributions.services.save_once", side_effect=failure):
        response = client.post(NEW.format(lang="en"), data)
    html = response.content.decode()
    assert response.status_code == 503
    assert "Nothing was stored; what you wrote is still here" in html
    assert "Mein Text, der nicht verloren gehen darf." in html
    assert not Contribution.objects.filter(title=data["title"]).exists()
    # The failed try did not use up the sender's limit.
    assert RateCounter.objects.filter(count__gt=0).count() == 0


def test_a_failed_comment_write_gives_the_form_back():
    contribution = ContributionFactory()
    with mock.patch(
        "mitplan.comments.services.save_once", side_effect=OperationalError("full")
    ):
        response = browser().post(
            detail(contribution, "en", "kommentieren/"), comment_data()
        )
    assert response.status_code == 503
    assert "Das finde ich gut" in response.content.decode()


def test_the_limit_counts_what_was_stored_and_never_refuses_it(settings):
    settings.CONTRIBUTION_RATE = "3/h"
    client = browser()
    answers = [
        client.post(NEW.format(lang="de"), form_data(title=f"Idee {n}")).status_code
        for n in range(5)
    ]
    assert answers == [302, 302, 302, 429, 429]
    assert Contribution.objects.filter(title__startswith="Idee ").count() == 3


def test_a_resend_counts_nothing_and_is_answered_past_the_limit(settings):
    """A resend (same key, same content) stores nothing, so it takes no slot; and a
    sender past the limit who resends is told their contribution is there, not 429."""
    settings.CONTRIBUTION_RATE = "2/h"
    client = browser()
    first = form_data(title="Erste Idee")
    for _n in range(3):
        assert client.post(NEW.format(lang="de"), first).status_code == 302
    assert (
        client.post(NEW.format(lang="de"), form_data(title="Zweite")).status_code == 302
    )
    assert (
        client.post(NEW.format(lang="de"), form_data(title="Dritte")).status_code == 429
    )
    assert client.post(NEW.format(lang="de"), first).status_code == 302
    assert Contribution.objects.filter(title="Erste Idee").count() == 1


def test_a_resent_comment_takes_no_slot(settings):
    settings.COMMENT_RATE = "2/h"
    contribution = ContributionFactory()
    client = browser()
    url = detail(contribution, "de", "kommentieren/")
    first = comment_data()
    statuses = [client.post(url, first).status_code for _n in range(3)]
    second = comment_data(submission="b-" + "b2" * 16, text="Ein zweiter Gedanke.")
    statuses.append(client.post(url, second).status_code)
    assert statuses == [302, 302, 302, 302]
    assert Comment.objects.filter(contribution=contribution).count() == 2


# --- §2 limits a client cannot lift -------------------------------------------------


def test_changing_the_user_agent_does_not_lift_a_limit(settings):
    settings.CONTRIBUTION_RATE = "2/h"
    statuses = [
        browser(agent=f"Agent {n}")
        .post(NEW.format(lang="de"), form_data(title=f"Beitrag {n}"))
        .status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 429, 429]


def test_another_address_has_its_own_limit(settings):
    settings.CONTRIBUTION_RATE = "1/h"
    assert browser().post(NEW.format(lang="de"), form_data()).status_code == 302
    other = browser(address="198.51.100.9")
    assert other.post(NEW.format(lang="de"), form_data(title="B")).status_code == 302


def test_no_mail_bomb_of_confirmations_to_one_address(
    settings, django_capture_on_commit_callbacks
):
    settings.CONFIRMATION_MAIL_RATE_HOUR = "3/h"
    statuses = []
    for n in range(10):
        # Each from another address and browser, each for another contribution.
        client = browser(agent=f"Bot {n}", address=f"198.51.100.{n}")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                detail(ContributionFactory(), "en", "benachrichtigen/"),
                {"email": "Fremde@Example.org"},
            )
        statuses.append(response.status_code)
    assert statuses == [302] * 3 + [429] * 7
    assert len([m for m in mail.outbox if "fremde@example.org" in m.to]) == 3
    assert "several confirmation mails" in response.content.decode()
    # The refused ones stored nothing either.
    assert Subscription.objects.filter(email="fremde@example.org").count() == 3


def test_one_report_per_address_and_item():
    contribution = ContributionFactory()
    url = detail(contribution, "en", "melden/")
    for n in range(5):
        response = browser(agent=f"Agent {n}").post(url, {"reason": "spam"})
    assert Report.objects.filter(contribution=contribution).count() == 1
    assert response.status_code == 429
    assert "reported this already" in response.content.decode()
    browser(address="198.51.100.20").post(url, {"reason": "spam"})
    assert Report.objects.filter(contribution=contribution).count() == 2


def test_supports_without_a_cookie_never_count():
    contribution = ContributionFactory()
    client = browser()
    for n in range(20):
        response = Client(
            headers={"Origin": "http://testserver", "User-Agent": f"Bot {n}"},
            REMOTE_ADDR="203.0.113.7",
        ).post(detail(contribution, suffix="unterstuetzen/"))
        assert response.status_code == 307
    contribution.refresh_from_db()
    assert contribution.support_count == 0
    # Sent back without the cookie (cookies off): said so, not counted.
    response = client.post(detail(contribution, "en", "unterstuetzen/") + "?cookie=1")
    assert response.status_code == 400
    assert "does not keep cookies" in response.content.decode()


def test_new_supporters_from_one_address_are_capped_per_contribution(settings):
    settings.SUPPORT_PER_ADDRESS_RATE = "3/d"
    contribution = ContributionFactory()
    url = detail(contribution, "en", "unterstuetzen/")
    for _n in range(5):
        client = browser()
        response = client.post(client.post(url)["Location"])  # a new cookie each
    contribution.refresh_from_db()
    assert contribution.support_count == 3
    assert response.status_code == 429
    assert "many supports for this contribution came from your network" in (
        response.content.decode()
    )


def test_advisor_mails_do_not_pass_the_limit_with_new_user_agents(settings, advisor):
    settings.CONTACT_RATE = "5/h"
    data = {
        "name": "Erika Beispiel",
        "email": "erika@example.org",
        "subject": "Frage",
        "message": "Wann ist die nächste Sprechstunde?",
        "website": "",
    }
    sent = 0
    for n in range(8):
        started = FreshTimestampInput().format_value(None)
        response = browser(agent=f"Agent {n}").post(
            f"/de/kontakt/{advisor.pk}/",
            {**data, "subject": f"Frage {n}", "started": started},
        )
        sent += response.status_code == 302
    assert sent == 5
    assert len(mail.outbox) == 5


def test_the_rate_limit_secret_is_in_no_database_and_no_cache():
    from django.core.cache import cache

    from mitplan.core import ratelimits

    secret = ratelimits.daily_secret()
    browser().post(NEW.format(lang="de"), form_data())
    assert RateCounter.objects.exists()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - our tables
            for row in cursor.fetchall():
                assert secret.decode() not in " ".join(map(str, row)), table
    day = time.strftime("%Y-%m-%d", time.gmtime())
    assert cache.get(f"guard:ratelimit-secret:{day}") in (None, secret.decode())
    from django.conf import settings as django_settings

    if not django_settings.REDIS_URL:
        assert cache.get(f"guard:ratelimit-secret:{day}") is None


# --- §3 no server error from any input ------------------------------------------


@pytest.mark.parametrize(
    "suffix",
    [
        "?commented=%C2%B2",
        "?reply=%C2%B2",
        "?commented=99999999999999999999999",
        "?reply=%D9%A3",
        "melden/?comment=%C2%B2",
        "melden/?comment=99999999999999999999999",
    ],
)
def test_odd_numbers_in_the_address_are_no_server_error(suffix):
    contribution = ContributionFactory()
    response = browser().get(detail(contribution, "en", suffix))
    assert response.status_code in (200, 404)


def test_a_huge_tag_id_is_a_form_error_not_a_server_error():
    response = browser().post(
        NEW.format(lang="en"), {**form_data(), "tags": ["99999999999999999999999"]}
    )
    assert response.status_code == 400
    response = browser().post(
        NEW.format(lang="en"), form_data(field_of_action="99999999999999999999999")
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "address",
    [
        "/de/benachrichtigungen/abc%00/bestaetigen/",
        "/de/benachrichtigungen/abc%00/abbestellen/",
        "/de/lip%00/",
    ],
)
def test_nul_bytes_in_tokens_and_slugs_are_a_bad_request(address):
    assert browser().get(address).status_code == 400


@pytest.mark.parametrize(
    ("title", "pseudonym"),
    [
        ("\u200b\u200b\u200b", ""),
        ("\u202e\u2066", ""),
        ("\u3164\u3164", ""),  # Hangul fillers: letters drawn blank
        ("\u2800 \uffa0\u115f\u1160", ""),  # blank Braille cell and more fillers
        ("\u2065\ufff0\U000e0080\U0001d159", ""),  # unassigned: no glyph anywhere
        ("\ue000\U000f0000\ufffc", ""),  # private use, object replacement
        ("Sprach\u2028café", ""),  # a line separator breaks the line as CR/LF do
        ("Sprachcafé", "Erika\r\nBcc: x@example.org"),
        ("Sprachcafé", "Erika\x07"),
    ],
)
def test_single_line_fields_refuse_invisible_and_control_text(title, pseudonym):
    response = browser().post(
        NEW.format(lang="en"), form_data(title=title, pseudonym=pseudonym)
    )
    assert response.status_code == 400
    assert not Contribution.objects.filter(pseudonym__startswith="Erika").exists()


def test_bidirectional_controls_are_dropped_from_single_line_fields(settings):
    from mitplan.processes.models import Process

    Process.objects.filter(slug="lip-2").update(moderation_mode="post")
    browser().post(
        NEW.format(lang="en"),
        form_data(title="\u202eevil\u202c idea", pseudonym="\u2067Max\u2069"),
    )
    contribution = Contribution.objects.get(pseudonym="Max")
    assert contribution.title == "evil idea"
    contribution = ContributionFactory()
    browser().post(
        detail(contribution, "en", "kommentieren/"),
        comment_data(pseudonym="Ana\r\nX"),
    )
    assert not Comment.objects.filter(contribution=contribution).exists()


def test_refused_requests_are_logged_as_warnings_without_a_traceback(caplog):
    caplog.set_level(logging.INFO)
    handler_filter = RefusedRequestsAreWarnings()
    over = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1
    too_many = {f"f{n}": "x" for n in range(over)}
    response = browser().post(NEW.format(lang="de"), too_many)
    assert response.status_code == 400
    records = [r for r in caplog.records if r.name.startswith("django.security")]
    assert records
    for record in records:
        handler_filter.filter(record)
        assert record.levelno == logging.WARNING
        assert record.exc_info is None


def test_over_https_the_supporter_cookie_is_host_bound():
    contribution = ContributionFactory()
    client = Client(headers={"Origin": "https://testserver"})
    response = client.post(detail(contribution, suffix="unterstuetzen/"), secure=True)
    cookie = response.cookies["__Host-mitplan_supporter"]
    assert cookie["secure"] and cookie["path"] == "/" and not cookie["domain"]
    response = client.post(response["Location"], secure=True)
    contribution.refresh_from_db()
    assert contribution.support_count == 1


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u2060", "\u00ad"])
def test_an_invisible_character_does_not_make_another_address(invisible):
    response = browser().post(
        detail(ContributionFactory(), "en", "benachrichtigen/"),
        {"email": f"victim@example.org{invisible}"},
    )
    assert response.status_code == 400
    assert not Subscription.objects.filter(email__startswith="victim@").exists()
    assert not mail.outbox


def test_a_database_failing_before_the_form_is_reached_keeps_the_text():
    """A full disk can fail the page's routing already, before the contribution's
    view could give its form back: the answer still shows what was written."""
    from wagtail.models import Page

    data = form_data(text="Ein Text, der auch so nicht verloren geht.")
    failure = OperationalError("disk I/O error")
    with mock.patch.object(Page, "route", side_effect=failure):
        response = browser().post(NEW.format(lang="en"), data)
        shown = browser().get(NEW.format(lang="ar"))
    html = response.content.decode()
    assert response.status_code == 503
    assert "Ein Text, der auch so nicht verloren geht." in html
    assert "Nothing was stored; what you wrote is still here" in html
    assert data["submission"] not in html  # keys are not text
    assert shown.status_code == 503
    assert 'dir="rtl"' in shown.content.decode()


def test_a_database_failing_at_sign_in_shows_no_password_and_is_not_kept():
    """The 503 page shows what was written so it can be copied, never a password,
    and no cache (not the browser's) keeps it."""
    from django.db import DatabaseError
    from django.test import RequestFactory

    from mitplan.core.sending import KeepWhatWasSentMiddleware

    request = RequestFactory().post(
        "/admin/login/",
        {"username": "admin", "password": "Geheim-12345", "new_password2": "x1"},
    )
    page = KeepWhatWasSentMiddleware(lambda r: None).process_exception(
        request, DatabaseError("disk full")
    )
    html = page.content.decode()
    assert page.status_code == 503 and "admin" in html
    assert "Geheim-12345" not in html and "x1" not in html
    assert page["Cache-Control"] == "no-store"


def test_the_api_says_503_in_json_when_the_database_fails():
    failure = OperationalError("database or disk is full")
    with mock.patch("mitplan.api.api.Process.objects.prefetch_related") as query:
        query.side_effect = failure
        response = browser().get("/api/v1/processes", headers={"Accept-Language": "en"})
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert response["Retry-After"] == "60"
    assert response.json() == {"detail": "Temporarily unavailable; please retry."}


def test_staff_get_their_text_back_when_the_database_fails(admin_client):
    """Not a bare 500 in the admin either: a long statement typed there is shown."""
    from wagtail.admin.views import home

    failure = OperationalError("database or disk is full")
    with mock.patch.object(home.HomeView, "post", side_effect=failure, create=True):
        response = admin_client.post(
            "/admin/", {"text": "Eine lange Stellungnahme der Fachgruppe."}
        )
    assert response.status_code == 503
    assert "Eine lange Stellungnahme der Fachgruppe." in response.content.decode()


def test_a_public_form_refuses_big_files(settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    data = {**form_data(), "attachment": SimpleUploadedFile("big.bin", big)}
    response = browser().post(NEW.format(lang="en"), data)  # multipart
    assert response.status_code == 400
    assert not Contribution.objects.filter(title=data["title"]).exists()


def test_free_text_drops_control_characters_and_refuses_invisible_text():
    from mitplan.processes.models import Process

    Process.objects.filter(slug="lip-2").update(moderation_mode="post")
    response = browser().post(
        NEW.format(lang="en"), form_data(text="\u200b\u200b\u2067\u2069")
    )
    assert response.status_code == 400
    browser(address="198.51.100.77").post(
        NEW.format(lang="en"),
        form_data(
            title="Steuerzeichen", text="Zeile eins\x0c\x1b[31m\nZeile\tzwei\x7f"
        ),
    )
    stored = Contribution.objects.get(title="Steuerzeichen")
    assert stored.text == "Zeile eins[31m\nZeile\tzwei"


def test_a_support_the_database_could_not_store_says_so_and_counts_nothing():
    contribution = ContributionFactory()
    client = browser()
    sent_back = client.post(detail(contribution, "en", "unterstuetzen/"))
    with mock.patch(
        "mitplan.contributions.services.support_add",
        side_effect=OperationalError("database or disk is full"),
    ):
        response = client.post(sent_back["Location"])
    assert response.status_code == 503
    assert "because of a problem on our side" in response.content.decode()
    assert RateCounter.objects.filter(count__gt=0).count() == 0
