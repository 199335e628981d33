import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from mitplan.comments.models import Comment
from mitplan.contributions import services
from mitplan.contributions.following import topic
from mitplan.contributions.forms import new_submission_key
from mitplan.contributions.models import Contribution
from mitplan.core.spam import FreshTimestampInput
from mitplan.moderation.models import Report
from mitplan.notifications.models import Subscription
from mitplan.processes.models import FieldOfAction, Process

from .factories import ContributionFactory

pytestmark = pytest.mark.django_db

LIST = "/{lang}/lip/beitraege/"
NEW = "/{lang}/lip/beitraege/neu/"


def detail(contribution, lang="de", suffix=""):
    return f"/{lang}/lip/beitraege/{contribution.pk}/{suffix}"


def form_data(**overrides):
    field = FieldOfAction.objects.get(slug="bildung")
    form_data.last_started = FreshTimestampInput().format_value(None)
    data = {
        "kind": "idea",
        "field_of_action": str(field.pk),
        "title": "Sprachcafé in der Stadtbibliothek",
        "text": "Ein wöchentliches Sprachcafé, in dem Neue und Alteingesessene sich treffen.",
        "language": "auto",
        "pseudonym": "Testperson",
        "email": "",
        "website": "",
        "started": form_data.last_started,
        "submission": new_submission_key(),
        "ui_language": "de",
    }
    data.update(overrides)
    return data


def post_moderation():
    Process.objects.filter(slug="lip-2").update(
        moderation_mode=Process.ModerationMode.POST
    )


def test_submit_under_pre_moderation_shows_the_received_page(client):
    response = client.post(NEW.format(lang="de"), form_data())
    assert response.status_code == 302
    assert response["Location"] == "/de/lip/beitraege/eingegangen/#main"
    contribution = Contribution.objects.get(title="Sprachcafé in der Stadtbibliothek")
    assert contribution.language == "de"
    assert not contribution.is_public
    assert client.get(detail(contribution)).status_code == 404


def test_submit_under_post_moderation_goes_to_the_published_page(client):
    post_moderation()
    response = client.post(
        NEW.format(lang="en"), form_data(language="tr", title="Kurs")
    )
    contribution = Contribution.objects.get(title="Kurs")
    assert response["Location"] == detail(contribution, "en") + "?sent=1#main"
    assert contribution.language == "tr"
    page = client.get(response["Location"]).content.decode()
    assert 'lang="tr"' in page


def test_a_resent_form_creates_one_contribution(client):
    data = form_data()
    client.post(NEW.format(lang="de"), data)
    client.post(NEW.format(lang="de"), data)
    assert Contribution.objects.filter(title=data["title"]).count() == 1


def test_two_people_with_the_same_words_are_two_contributions(client):
    # Only the submission key tells a resend; texts are never compared across people.
    first = client.post(NEW.format(lang="de"), form_data(pseudonym="Erika Beispiel"))
    other_field = FieldOfAction.objects.exclude(slug="bildung").first()
    second = client.post(
        NEW.format(lang="de"),
        form_data(
            kind="wish",
            field_of_action=str(other_field.pk),
            pseudonym="Max Muster",
            email="max@example.org",
        ),
    )
    assert first.status_code == second.status_code == 302
    rows = Contribution.objects.filter(title=form_data()["title"]).order_by("pk")
    assert [(c.kind, c.field_of_action_id, c.pseudonym) for c in rows] == [
        ("idea", FieldOfAction.objects.get(slug="bildung").pk, "Erika Beispiel"),
        ("wish", other_field.pk, "Max Muster"),
    ]
    # The address is subscribed to its own sender's contribution, not the other.
    assert list(
        Subscription.objects.filter(topic=topic(rows[1])).values_list(
            "email", flat=True
        )
    ) == ["max@example.org"]
    assert not Subscription.objects.filter(topic=topic(rows[0])).exists()


def test_too_fast_is_said_once_and_the_resend_keeps_the_first_start(client, settings):
    settings.SPAM_MIN_FILL_SECONDS = 600  # "too fast" even on a slow, busy machine
    response = client.post(NEW.format(lang="en"), form_data())
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count("That was very fast") == 1
    started = re.search(r'name="started" value="([^"]+)"', html).group(1)
    assert started == form_data.last_started  # not restarted on the error page


def test_the_error_summary_leads_to_the_first_choice_of_a_group(client):
    html = client.post(NEW.format(lang="en"), form_data(kind="")).content.decode()
    assert 'href="#id_kind_0"' in html and 'id="id_kind_0"' in html
    assert "send?:" not in html


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"text": "x" * 5001}, "text"),
        ({"kind": "manifesto"}, "kind"),
        ({"field_of_action": "999999"}, "field_of_action"),
        ({"field_of_action": "abc"}, "field_of_action"),
        ({"email": "keine-adresse"}, "email"),
        ({"title": "Zeile\x00mit Null"}, "title"),
    ],
)
def test_bad_input_gets_an_error_next_to_the_field_and_nothing_is_saved(
    client, overrides, field
):
    before = Contribution.objects.count()
    response = client.post(NEW.format(lang="de"), form_data(**overrides))
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.content.decode()
    assert Contribution.objects.count() == before


def test_a_field_of_another_process_is_an_invalid_choice(client):
    other = Process.objects.create(title_de="Anderer Prozess", slug="anders")
    foreign = FieldOfAction.objects.create(
        process=other, name_de="Fremd", slug="fremd", summary_de="x"
    )
    response = client.post(
        NEW.format(lang="en"), form_data(field_of_action=str(foreign.pk))
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_a_forged_submission_key_is_refused(client):
    response = client.post(NEW.format(lang="en"), form_data(submission="forged"))
    assert response.status_code == 400
    assert "open for too long" in response.content.decode()


def test_html_is_stored_as_text_and_shown_escaped(client):
    post_moderation()
    client.post(
        NEW.format(lang="de"),
        form_data(text='<script>alert(1)</script> <a href="x">y</a>'),
    )
    contribution = Contribution.objects.get(title="Sprachcafé in der Stadtbibliothek")
    assert contribution.text.startswith("<script>")
    html = client.get(detail(contribution)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_links_in_text_are_rendered_safely(client):
    contribution = ContributionFactory(
        text="Siehe https://example.org/info und javascript:alert(1)"
    )
    html = client.get(detail(contribution)).content.decode()
    assert 'href="https://example.org/info"' in html
    assert 'href="javascript' not in html


def test_language_is_recognised_when_left_automatic(client):
    post_moderation()
    client.post(
        NEW.format(lang="de"),
        form_data(title="دورات لغة", text="نحتاج دورات لغة مسائية للآباء"),
    )
    assert Contribution.objects.get(title="دورات لغة").language == "ar"


def test_list_filters_sorts_and_searches(client):
    ContributionFactory(
        title="Radwege sicherer machen", kind="critique", support_count=1009
    )
    ContributionFactory(title="Mehr Bänke im Park", kind="wish", support_count=1001)
    html = client.get(LIST.format(lang="de") + "?kind=critique").content.decode()
    assert "Radwege sicherer machen" in html and "Mehr Bänke im Park" not in html
    html = client.get(LIST.format(lang="de") + "?q=Bänke").content.decode()
    assert "Mehr Bänke im Park" in html and "Radwege" not in html
    html = client.get(LIST.format(lang="de") + "?sort=supported").content.decode()
    assert html.index("Radwege sicherer machen") < html.index("Mehr Bänke im Park")


@pytest.mark.parametrize(
    "query",
    [
        "?kind=bogus",
        "?field=../../etc",
        "?page=999999",
        "?page=-1",
        "?page=%C2%B2",
        "?page=99999999999999999999999",
        "?q=%ff",
        "?sort=;drop",
        "?state=x" * 50,
    ],
)
def test_forged_filters_show_the_list_not_an_error(client, query):
    assert client.get(LIST.format(lang="de") + query).status_code == 200


@pytest.mark.parametrize("query", ["?q=%00%ff", "?field=bildung%00", "?tag=%00"])
def test_a_nul_byte_in_the_address_is_a_bad_request_in_the_readers_language(
    client, query
):
    response = client.get(LIST.format(lang="en") + query)
    assert response.status_code == 400
    assert "The request could not be understood" in response.content.decode()


def test_list_queries_stay_the_same_with_more_contributions(client):
    ContributionFactory.create_batch(3)
    url = LIST.format(lang="de")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for contribution in ContributionFactory.create_batch(40):
        contribution.tags.set([])
    client.get(url)  # the new count is counted once, then kept
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    client.get(url + "?page=3")
    with CaptureQueriesContext(connection) as last_page:
        client.get(url + "?page=3")
    assert len(many) == len(few) == len(last_page)


def test_the_kept_count_follows_every_change_of_the_list(client, process):
    def shown_count(query=""):
        html = client.get(LIST.format(lang="de") + query).content.decode()
        return int(re.search(r'id="results-heading"[^>]*>(\d+)', html).group(1))

    published = Contribution.objects.published().filter(process=process).count()
    assert shown_count() == published
    new = ContributionFactory(moderation_state="pending")
    assert shown_count() == published
    services.contribution_publish(contribution=new, actor=None)
    assert shown_count() == published + 1
    services.contribution_reject(contribution=new, actor=None, reason="Doppelt")
    assert shown_count() == published
    tag = process.tags.first()
    before = shown_count(f"?tag={tag.slug}")
    other = ContributionFactory()
    other.tags.add(tag)
    assert shown_count(f"?tag={tag.slug}") == before + 1


def test_merged_contribution_redirects_to_the_target(client):
    target = ContributionFactory()
    duplicate = ContributionFactory(moderation_state="merged", merged_into=target)
    response = client.get(detail(duplicate, "en"))
    assert response.status_code == 301
    assert response["Location"] == detail(target, "en") + "?merged=1"
    landed = client.get(response["Location"]).content.decode()
    assert "was merged into it" in landed


def test_support_by_an_anonymous_visitor_counts_once(client):
    contribution = ContributionFactory()
    assert not client.get(detail(contribution)).cookies  # reading sets no cookie
    # The first press gets the cookie and is sent back (307 keeps the POST).
    response = client.post(detail(contribution, suffix="unterstuetzen/"))
    assert response.status_code == 307
    assert "mitplan_supporter" in response.cookies
    contribution.refresh_from_db()
    assert contribution.support_count == 0
    response = client.post(response["Location"])
    assert response.status_code == 302
    client.post(detail(contribution, suffix="unterstuetzen/"))
    contribution.refresh_from_db()
    assert contribution.support_count == 1
    assert (
        "You support this contribution"
        in client.get(detail(contribution, "en")).content.decode()
    )
    # Taking it back: the count drops once, however often it is sent.
    for _ in range(2):
        client.post(detail(contribution, suffix="unterstuetzen/"), {"withdraw": "1"})
    contribution.refresh_from_db()
    assert contribution.support_count == 0 and not contribution.supports.exists()
    assert (
        "Withdraw my support"
        not in client.get(detail(contribution, "en")).content.decode()
    )
    client.post(detail(contribution, suffix="unterstuetzen/"))
    contribution.refresh_from_db()
    assert contribution.support_count == 1  # and giving it again counts again


@pytest.mark.parametrize(
    "action", ["unterstuetzen/", "kommentieren/", "benachrichtigen/"]
)
def test_opening_a_small_form_address_leads_back_to_the_contribution(client, action):
    # What the address bar shows after an error; reloading or switching the
    # language asks it with GET.
    contribution = ContributionFactory()
    response = client.get(detail(contribution, "tr", action))
    assert response.status_code == 302
    assert response["Location"] == detail(contribution, "tr")
    assert not contribution.supports.exists()


def test_reply_link_prepares_the_form_for_a_reply(client):
    contribution = ContributionFactory()
    comment = Comment.objects.create(
        contribution=contribution, text="Erster Gedanke", language="de", pseudonym="Ada"
    )
    html = client.get(detail(contribution, "en")).content.decode()
    # The contribution's own address: from a page sent back with errors (the form's
    # address) the link still prepares a reply.
    reply_link = (
        f'href="{detail(contribution, "en")}?reply={comment.pk}#comment-form-heading"'
    )
    assert reply_link in html
    assert (
        'Reply<span class="kern-sr-only"> – <bdi>Ada</bdi> – '
        '<bdi lang="de">Erster Gedanke</bdi></span>'
    ) in html
    html = client.get(detail(contribution, "en") + f"?reply={comment.pk}").content
    html = html.decode()
    assert "You reply to the comment by" in html
    assert f'name="parent" value="{comment.pk}"' in html
    # A forged or hidden target is simply a new comment.
    html = client.get(detail(contribution, "en") + "?reply=99999").content.decode()
    assert "You reply to" not in html


def test_comment_and_reply(client):
    contribution = ContributionFactory()
    data = {
        "text": "Finde ich gut!",
        "pseudonym": "",
        "website": "",
        "started": FreshTimestampInput().format_value(None),
        "submission": new_submission_key(),
    }
    response = client.post(detail(contribution, "en", "kommentieren/"), data)
    assert response.status_code == 302
    comment = Comment.objects.get(text="Finde ich gut!")
    # The page the sender lands on says the comment is out, at the comment itself.
    assert response["Location"].endswith(
        f"?commented={comment.pk}#comment-{comment.pk}"
    )
    landed = client.get(response["Location"]).content.decode()
    assert f'id="comment-{comment.pk}" tabindex="-1"' in landed
    assert "Your comment is published." in landed
    reply = dict(
        data, text="Ich auch", parent=str(comment.pk), submission=new_submission_key()
    )
    client.post(detail(contribution, suffix="kommentieren/"), reply)
    html = client.get(detail(contribution)).content.decode()
    assert "Finde ich gut!" in html and "Ich auch" in html
    contribution.refresh_from_db()
    assert contribution.comment_count == 2


def test_bad_comments_keep_the_text_and_explain(client):
    contribution = ContributionFactory()
    data = {
        "text": "x" * 2001,
        "started": FreshTimestampInput().format_value(None),
        "submission": new_submission_key(),
    }
    response = client.post(detail(contribution, "en", "kommentieren/"), data)
    assert response.status_code == 400
    assert "at most 2,000 characters; this has 2,001." in response.content.decode()
    forged_parent = dict(data, text="Antwort", parent="999999")
    assert (
        client.post(
            detail(contribution, "en", "kommentieren/"), forged_parent
        ).status_code
        == 400
    )
    assert not Comment.objects.filter(contribution=contribution).exists()


def test_report_a_contribution_and_a_comment(client):
    contribution = ContributionFactory()
    assert client.get(detail(contribution, suffix="melden/")).status_code == 200
    response = client.post(detail(contribution, suffix="melden/"), {"reason": "insult"})
    assert response.status_code == 302
    client.post(detail(contribution, suffix="melden/"), {"reason": "insult"})
    assert (
        Report.objects.filter(contribution=contribution).count() == 1
    )  # once per client
    comment = Comment.objects.create(
        contribution=contribution, text="Böse", language="de"
    )
    client.post(
        detail(contribution, suffix="melden/"),
        {"reason": "spam", "comment": str(comment.pk)},
    )
    assert Report.objects.filter(comment=comment).count() == 1
    assert (
        client.post(
            detail(contribution, suffix="melden/"), {"reason": "nonsense"}
        ).status_code
        == 400
    )
    assert (
        client.get(detail(contribution, suffix="melden/") + "?comment=abc").status_code
        == 404
    )


def test_subscription_double_opt_in_and_one_click_unsubscribe(client):
    from django.contrib.auth import get_user_model

    from mitplan.contributions import services

    contribution = ContributionFactory()
    with pytest.MonkeyPatch.context():
        response = client.post(
            detail(contribution, "en", "benachrichtigen/"), {"email": "a@example.net"}
        )
    assert response.status_code == 302
    subscription = Subscription.objects.filter(topic=topic(contribution)).get()
    assert subscription.confirmed_at is None
    confirm = f"/en/benachrichtigungen/{subscription.token}/bestaetigen/"
    assert client.get(confirm).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None  # opening the link changes nothing
    client.post(confirm)
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    staff = get_user_model().objects.create_superuser("s", "s@example.org", "x" * 12)
    mail.outbox.clear()
    with django_capture_on_commit():
        services.contribution_forward(contribution=contribution, actor=staff)
    [update] = [m for m in mail.outbox if "a@example.net" in m.to]
    assert update.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = (
        update.extra_headers["List-Unsubscribe"]
        .strip("<>")
        .split("://", 1)[1]
        .split("/", 1)[1]
    )
    one_click = Client(enforce_csrf_checks=True).post("/" + unsubscribe)
    assert one_click.status_code == 200
    assert not Subscription.objects.filter(topic=topic(contribution)).exists()


def django_capture_on_commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


@pytest.mark.parametrize(
    "headers", [{"Origin": "https://evil.example"}, {}, {"Origin": "null"}]
)
def test_a_cross_site_post_is_refused(headers):
    contribution = ContributionFactory()
    client = Client(headers=headers)
    response = client.post(detail(contribution, "en", "unterstuetzen/"))
    assert response.status_code == 403
    assert "The form has expired" in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.support_count == 0


def test_reading_a_contribution_sets_no_cookie():
    contribution = ContributionFactory()
    for url in [
        detail(contribution),
        LIST.format(lang="ar"),
        detail(contribution, suffix="melden/"),
    ]:
        assert not Client().get(url).cookies, url


def test_over_the_limit_the_form_asks_for_a_short_check_and_keeps_the_text(
    client, settings
):
    settings.CONTRIBUTION_RATE = "2/h"
    for _number in range(2):
        assert client.post(NEW.format(lang="de"), form_data()).status_code == 302
    response = client.post(NEW.format(lang="en"), form_data(title="Die dritte Idee"))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Die dritte Idee" in html and "altcha-widget" in html
    assert not Contribution.objects.filter(title="Die dritte Idee").exists()


def test_similar_contributions_are_shown_while_writing(client):
    ContributionFactory(
        title="Abendliche Sprachkurse für Eltern anbieten", text="Sprachkurse am Abend"
    )
    response = client.get(
        "/de/lip/beitraege/aehnliche/?title=Mehr+Sprachkurse+für+Eltern&text=am+Abend+bitte"
    )
    assert response.status_code == 200
    assert "Abendliche Sprachkurse für Eltern anbieten" in response.content.decode()
    assert not response.cookies


def test_without_javascript_the_check_button_shows_similar_and_saves_nothing(client):
    ContributionFactory(
        title="Abendliche Sprachkurse für Eltern anbieten", text="Sprachkurse am Abend"
    )
    before = Contribution.objects.count()
    data = form_data(
        title="Mehr Sprachkurse für Eltern", text="Kurse am Abend", check_similar="1"
    )
    response = client.post(NEW.format(lang="de"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Abendliche Sprachkurse für Eltern anbieten" in html
    assert "Kurse am Abend" in html  # what was typed is kept
    assert Contribution.objects.count() == before


def test_similar_with_hostile_input_does_not_fail(client):
    for query in ["?title=" + "x" * 3000, "?text=%ff<script>", "?title=&text="]:
        assert client.get("/de/lip/beitraege/aehnliche/" + query).status_code == 200
    assert client.get("/de/lip/beitraege/aehnliche/?text=%00").status_code == 400


def test_tags_are_checkboxes_and_kinds_radios(client):
    from mitplan.contributions.models import Tag

    Tag.objects.get_or_create(
        process=Process.objects.get(slug="lip-2"),
        slug="test-tag",
        defaults={"group": "G", "name": "N"},
    )
    html = client.get(NEW.format(lang="de")).content.decode()
    assert (
        'type="checkbox" name="tags"' in html
        and 'class="kern-form-check__checkbox"' in html
    )
    assert (
        'type="radio" name="kind"' in html and 'class="kern-form-check__radio"' in html
    )


def test_pages_below_the_portal_do_not_claim_the_page_is_untranslated(client):
    html = client.get("/ar/lip/beitraege/neu/").content.decode()
    with translation.override("ar"):
        untranslated = gettext(
            "This text has not been translated into your language yet. It is shown "
            "in German."
        )
    assert untranslated not in html


def test_detail_queries_do_not_grow_with_comments_replies_and_history(client):
    from django.contrib.auth import get_user_model

    from mitplan.comments.services import comment_add
    from mitplan.contributions import services as contribution_services

    contribution = ContributionFactory()
    first, _ = comment_add(contribution=contribution, text="Eins", language="de")
    comment_add(contribution=contribution, text="Antwort", language="de", parent=first)
    client.get(detail(contribution))
    with CaptureQueriesContext(connection) as few:
        client.get(detail(contribution))
    staff = get_user_model().objects.create_superuser("q", "q@example.org", "x" * 12)
    contribution_services.contribution_forward(contribution=contribution, actor=staff)
    for number in range(6):
        parent, _ = comment_add(
            contribution=contribution, text=f"K{number}", language="de"
        )
        comment_add(
            contribution=contribution, text=f"A{number}", language="de", parent=parent
        )
    client.get(detail(contribution))  # what the site keeps until data changes, anew
    with CaptureQueriesContext(connection) as many:
        client.get(detail(contribution))
    assert len(many) == len(few)


def test_a_resent_form_with_an_address_mails_one_confirmation(client):
    data = form_data(email="leser@example.org")
    with django_capture_on_commit():
        client.post(NEW.format(lang="de"), data)
    with django_capture_on_commit():
        client.post(NEW.format(lang="de"), data)
    confirmations = [m for m in mail.outbox if "leser@example.org" in m.to]
    assert len(confirmations) == 1


def test_a_comment_keeps_the_language_it_is_written_in(client):
    contribution = ContributionFactory()
    data = {
        "text": "I agree with the idea, and the evening classes are good for parents.",
        "started": FreshTimestampInput().format_value(None),
        "submission": new_submission_key(),
    }
    client.post(detail(contribution, "ar", "kommentieren/"), data)
    assert Comment.objects.get(contribution=contribution).language == "en"


def test_the_language_switch_keeps_filters_and_the_reply_target(client):
    html = client.get(LIST.format(lang="de") + "?kind=idea&sort=supported").content
    assert 'href="/ar/lip/beitraege/?kind=idea&amp;sort=supported"' in html.decode()
