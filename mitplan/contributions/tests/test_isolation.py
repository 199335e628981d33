"""Residents' text is isolated wherever it appears: a title with U+202E (RIGHT-TO-LEFT
OVERRIDE) and Arabic script must not reorder the page, the admin or a mail around it.

In HTML the text sits in a <bdi> or an element with a dir attribute (both isolate);
in plain text (the <title>, mails) each line is between U+2068 and U+2069."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from mitplan.comments.models import Comment
from mitplan.contributions.following import topic
from mitplan.contributions.models import HistoryEntry, Tag
from mitplan.moderation.models import Report
from mitplan.notifications import services as notifications
from mitplan.notifications.models import Subscription

from .factories import ContributionFactory
from .staff import PROCESS_OWNERS, moderate_url, staff_in_english

pytestmark = pytest.mark.django_db

TITLE = "\u202eevil مقترح لدروس المساء"
TEXT = "حصص لغة في المساء للآباء والأمهات \u202eafter work"
PSEUDONYM = "Erika \u202eBeispiel"
COMMENT_BY = "إريكا \u202eمثال"
COMMENT = "أوافق \u202etotally"
TAG = "لغة \u202etag"
FSI, PDI = "\u2068", "\u2069"
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col"}


class _Isolation(HTMLParser):
    """Records, for each run of text containing `needle`, whether the innermost
    element around it isolates it (<bdi>, or any element with a dir attribute), and
    the text of <title>."""

    def __init__(self, needle):
        super().__init__()
        self.needle = needle
        self.stack = []
        self.found = []  # (isolated?, path)
        self.title = ""

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "title":
            self.title += data
            return
        if self.needle in data:
            tag, attrs = self.stack[-1] if self.stack else ("", {})
            if tag == "textarea":  # the text to edit takes its own direction too
                self.found.append((attrs.get("dir") == "auto", "textarea"))
                return
            isolated = (
                # the innermost element, or a block around it, sets the direction
                any(t == "bdi" or "dir" in a for t, a in self.stack[1:])
                or data.count(self.needle) == data.count(f"{FSI}{self.needle}{PDI}")
            )
            self.found.append((isolated, " > ".join(t for t, _a in self.stack)))


def assert_isolated(html: str, needle: str, *, in_title: bool = False) -> None:
    parser = _Isolation(needle)
    parser.feed(html)
    assert parser.found, f"{needle!r} is not on the page"
    loose = [path for isolated, path in parser.found if not isolated]
    assert not loose, f"{needle!r} not isolated in: {loose}"
    if in_title:
        assert f"{FSI}{needle}{PDI}" in parser.title, parser.title


def assert_isolated_text(text: str, needle: str) -> None:
    assert needle in text
    assert text.count(needle) == text.count(f"{FSI}{needle}{PDI}"), text


@pytest.fixture
def contribution(process):
    user = get_user_model().objects.create_user(
        username="erika", email="erika.beispiel@example.org", password="x" * 12
    )
    contribution = ContributionFactory(
        title=TITLE, text=TEXT, pseudonym=PSEUDONYM, language="ar", author=user
    )
    tag = Tag.objects.create(
        process=process, group_de="Thema", name_de=TAG, slug="lang"
    )
    contribution.tags.add(tag)
    Comment.objects.create(
        contribution=contribution, pseudonym=COMMENT_BY, text=COMMENT, language="ar"
    )
    return contribution


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_public_pages_isolate_residents_text(client, contribution, lang):
    base = f"/{lang}/lip/beitraege/"
    listing = client.get(base).content.decode()
    assert_isolated(listing, TITLE)

    detail = client.get(f"{base}{contribution.pk}/").content.decode()
    assert_isolated(detail, TITLE, in_title=True)
    assert_isolated(detail, TEXT.split()[0])
    assert_isolated(detail, PSEUDONYM)
    assert_isolated(detail, TAG)
    # the comment, its author, and the screen-reader names of Reply and Report
    assert_isolated(detail, COMMENT_BY)
    assert_isolated(detail, COMMENT)
    assert detail.count(COMMENT_BY) >= 2  # visible, and in the hidden link names

    comment = contribution.comments.get()
    report = client.get(f"{base}{contribution.pk}/melden/").content.decode()
    assert_isolated(report, TITLE, in_title=True)
    report = client.get(
        f"{base}{contribution.pk}/melden/?comment={comment.pk}"
    ).content.decode()
    assert_isolated(report, COMMENT)


def test_my_contributions_isolate_the_title(client, contribution):
    client.force_login(contribution.author)
    html = client.get("/de/konto/meine-beitraege/").content.decode()
    assert_isolated(html, TITLE)


def test_the_subscription_pages_and_mails_isolate_the_title(
    client, contribution, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscription = notifications.subscription_request(
            topic=topic(contribution), email="erika.beispiel@example.org", language="de"
        )
    confirm_mail = mail.outbox[-1]
    assert_isolated_text(confirm_mail.body, TITLE)

    with translation.override("de"):
        url = reverse("notifications:confirm", kwargs={"token": subscription.token})
    assert_isolated(client.get(url).content.decode(), TITLE)
    with translation.override("de"):
        url = reverse("notifications:unsubscribe", kwargs={"token": subscription.token})
    assert_isolated(client.get(url).content.decode(), TITLE)

    Subscription.objects.filter(pk=subscription.pk).update(confirmed_at=timezone.now())
    contribution.moderation_reason = "سبب \u202eالرفض"
    with django_capture_on_commit_callbacks(execute=True):
        notifications.subscribers_notify(
            topic=topic(contribution),
            step=HistoryEntry.Step.FORWARDED.label,
            reason=contribution.moderation_reason,
            for_author=lambda subscription: True,
        )
    update = mail.outbox[-1]
    assert_isolated_text(update.body, TITLE)
    assert FSI in update.subject and PDI in update.subject


def test_the_admin_list_and_moderation_screen_isolate_residents_text(
    client, contribution
):
    staff_in_english(client, "owner", PROCESS_OWNERS)
    listing = client.get("/admin/participation/contributions/").content.decode()
    assert_isolated(listing, TITLE)
    screen = client.get(moderate_url(contribution)).content.decode()
    assert_isolated(screen, COMMENT_BY)
    assert_isolated(screen, COMMENT)
    assert_isolated(screen, TEXT.split()[0])
    assert_isolated(screen, TITLE, in_title=True)  # Wagtail's heading: plain text
    # the edit form: the title input and the text area take their text's direction
    assert re.search(r'<input[^>]*name="title"[^>]*dir="auto"', screen) or re.search(
        r'<input[^>]*dir="auto"[^>]*name="title"', screen
    )

    comment = contribution.comments.get()
    Report.objects.create(contribution=contribution, reason=Report.Reason.SPAM)
    Report.objects.create(comment=comment, reason=Report.Reason.SPAM)
    reports = client.get("/admin/participation/reports/").content.decode()
    assert_isolated(reports, TITLE)
    assert_isolated(reports, COMMENT)


def test_contact_mails_isolate_what_the_sender_wrote(
    advisor, django_capture_on_commit_callbacks
):
    from mitplan.contact import services as contact

    with django_capture_on_commit_callbacks(execute=True):
        contact.advisor_message_send(
            advisor=advisor,
            name=PSEUDONYM,
            email="erika.beispiel@example.org",
            subject=TITLE,
            message=f"{TEXT}\nZweite Zeile {COMMENT}",
            language="ar",
        )
    body = mail.outbox[-1].body
    assert_isolated_text(body, PSEUDONYM)
    assert_isolated_text(body, TITLE)
    assert_isolated_text(body, TEXT)
    assert f"{FSI}Zweite Zeile {COMMENT}{PDI}" in body
