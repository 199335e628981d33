"""The moderation screen as staff meet it: what it offers, and what its messages say.

Staff here use the admin in English, so the wording can be checked before the German
translation exists."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.utils import timezone

from mitplan.contributions.following import topic
from mitplan.contributions.models import Statement
from mitplan.notifications.models import Subscription
from mitplan.processes.models import ExpertGroupMember, FieldOfAction
from mitplan.processes.roles import group_of

from .factories import ContributionFactory
from .staff import EXPERT_GROUPS, PROCESS_OWNERS, moderate_url, staff_in_english

pytestmark = pytest.mark.django_db


def message_texts(response):
    # Wagtail renders its messages through a template: mind the white space.
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def forwarded_contribution(**kwargs):
    field = FieldOfAction.objects.get(slug="bildung")
    return ContributionFactory(
        field_of_action=field,
        expert_group=field.expert_group,
        processing_state="with_expert_group",
        **kwargs,
    )


def selected_outcome(html):
    select = re.search(r'<select name="outcome".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select)


# 1. The outcome of a statement is chosen, never preselected.


def test_a_new_statement_starts_without_an_outcome(client):
    staff_in_english(client, "amt", PROCESS_OWNERS)
    contribution = forwarded_contribution()
    html = client.get(moderate_url(contribution)).content.decode()
    assert selected_outcome(html) == [""]
    assert "– please choose –" in html


def test_a_statement_without_an_outcome_is_not_published(client):
    staff_in_english(client, "amt", PROCESS_OWNERS)
    contribution = forwarded_contribution()
    response = client.post(
        moderate_url(contribution),
        {"action": "publish_statement", "outcome": "", "text_de": "Danke."},
    )
    assert response.status_code == 200
    assert not Statement.objects.filter(contribution=contribution).exists()


def test_an_existing_statement_keeps_its_outcome_selected(client):
    user = staff_in_english(client, "amt", PROCESS_OWNERS)
    contribution = forwarded_contribution()
    Statement.objects.create(
        contribution=contribution,
        expert_group=contribution.expert_group,
        outcome=Statement.Outcome.PARTLY,
        text_de="Entwurf",
        drafted_by=user,
    )
    html = client.get(moderate_url(contribution)).content.decode()
    assert selected_outcome(html) == ["partly"]


# 2. Saving a published statement says that it changes the public text.


def published_statement(contribution):
    return Statement.objects.create(
        contribution=contribution,
        expert_group=contribution.expert_group,
        outcome=Statement.Outcome.TAKEN,
        text_de="Übernommen.",
        published_at=timezone.now(),
    )


def test_a_published_statement_is_saved_with_an_honest_label_and_message(client):
    staff_in_english(client, "amt", PROCESS_OWNERS)
    contribution = forwarded_contribution()
    published_statement(contribution)
    html = client.get(moderate_url(contribution)).content.decode()
    assert "Save changes to the published statement" in html
    assert "Save draft" not in html
    response = client.post(
        moderate_url(contribution),
        {"action": "draft_statement", "outcome": "partly", "text_de": "Teilweise."},
    )
    assert response.status_code == 302
    messages = message_texts(response)
    assert any("published statement was changed" in text for text in messages)
    assert not any("draft" in text for text in messages)
    statement = Statement.objects.get(contribution=contribution)
    assert statement.is_published and statement.text_de == "Teilweise."


def test_a_draft_is_still_saved_as_a_draft(client):
    staff_in_english(client, "amt", PROCESS_OWNERS)
    contribution = forwarded_contribution()
    assert "Save draft" in client.get(moderate_url(contribution)).content.decode()
    response = client.post(
        moderate_url(contribution),
        {"action": "draft_statement", "outcome": "taken", "text_de": "Entwurf."},
    )
    assert message_texts(response) == ["Statement saved as a draft."]
    assert not Statement.objects.get(contribution=contribution).is_published


def test_experts_are_not_offered_to_change_a_published_statement(client):
    user = staff_in_english(client, "expertin", EXPERT_GROUPS)
    contribution = forwarded_contribution()
    ExpertGroupMember.objects.create(
        group=contribution.expert_group, name="Expertin", user=user
    )
    published_statement(contribution)
    html = client.get(moderate_url(contribution)).content.decode()
    assert 'value="draft_statement"' not in html
    assert "only process owners can change it" in html


# 3. The forms behind "reject", "edit", "merge" look like controls.


def test_the_moderation_forms_open_from_buttons(client):
    staff_in_english(client, "amt", PROCESS_OWNERS)
    contribution = ContributionFactory(moderation_state="pending", published_at=None)
    html = client.get(moderate_url(contribution)).content.decode()
    summaries = re.findall(r"<summary([^>]*)>", html)
    assert len(summaries) == 3
    assert all('class="button' in attributes for attributes in summaries)


def test_a_pending_contribution_explains_when_it_can_be_forwarded(client):
    staff_in_english(client, "amt", PROCESS_OWNERS)
    pending = ContributionFactory(moderation_state="pending", published_at=None)
    hint = "becomes possible once the contribution is published"
    assert hint in client.get(moderate_url(pending)).content.decode()
    published = ContributionFactory()
    html = client.get(moderate_url(published)).content.decode()
    assert hint not in html and 'value="forward"' in html


# 4. After a rejection, staff learn whether and how the author hears the reason.


def reject(client, contribution):
    response = client.post(
        moderate_url(contribution), {"action": "reject", "reason": "Werbung."}
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.moderation_state == "rejected"
    return " ".join(message_texts(response))


def test_rejecting_an_unreachable_authors_contribution_says_so(client):
    staff_in_english(client, "amt", PROCESS_OWNERS)
    contribution = ContributionFactory(
        moderation_state="pending", published_at=None, author=None
    )
    # An address that was never confirmed gets no mail.
    Subscription.objects.create(
        topic=topic(contribution), email="a@example.org", language="de"
    )
    message = reject(client, contribution)
    assert "left no way to reach them" in message
    assert "e-mail" not in message and "My contributions" not in message


def test_rejecting_tells_that_a_subscribed_author_gets_the_reason_by_email(client):
    staff_in_english(client, "amt", PROCESS_OWNERS)
    contribution = ContributionFactory(
        moderation_state="pending", published_at=None, author=None
    )
    Subscription.objects.create(
        topic=topic(contribution),
        email="a@example.org",
        language="de",
        confirmed_at=timezone.now(),
    )
    message = reject(client, contribution)
    assert "The author gets the reason by e-mail." in message
    assert "no way" not in message and "My contributions" not in message


def test_rejecting_tells_that_an_author_with_an_account_sees_the_reason(client):
    staff_in_english(client, "amt", PROCESS_OWNERS)
    author = get_user_model().objects.create_user(username="autorin", password="x" * 12)
    contribution = ContributionFactory(
        moderation_state="pending", published_at=None, author=author
    )
    message = reject(client, contribution)
    assert "sees the reason under My contributions" in message
    assert "no way" not in message and "e-mail" not in message


def test_the_reject_form_tells_beforehand_who_hears_the_reason(client):
    staff_in_english(client, "amt", PROCESS_OWNERS)
    contribution = ContributionFactory(
        moderation_state="pending", published_at=None, author=None
    )
    html = client.get(moderate_url(contribution)).content.decode()
    assert "left no way to reach them" in html


def test_the_language_is_named(client):
    staff_in_english(client, "amt", PROCESS_OWNERS)
    contribution = ContributionFactory(language="ar")
    html = client.get(moderate_url(contribution)).content.decode()
    assert "Language: Arabic" in html


def test_a_statement_can_answer_in_the_contributions_own_language(client):

    user = get_user_model().objects.create_user(username="amt2", password="x" * 12)
    user.groups.add(group_of(PROCESS_OWNERS))
    client.force_login(user)
    bildung = FieldOfAction.objects.get(slug="bildung")
    contribution = ContributionFactory(
        field_of_action=bildung, expert_group=bildung.expert_group, language="ar"
    )
    url = f"/admin/participation/contributions/{contribution.pk}/moderate/"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # The Arabic field comes right after the German one, before the others.
    assert html.index('name="text_ar"') < html.index('name="text_en"')
    client.post(
        url,
        {
            "action": "publish_statement",
            "outcome": "taken",
            "text_de": "Übernommen.",
            "text_ar": "تم الأخذ به.",
        },
    )
    contribution.refresh_from_db()
    assert contribution.statement.text_ar == "تم الأخذ به."
    page = client.get(f"/ar/lip/beitraege/{contribution.pk}/").content.decode()
    assert "تم الأخذ به." in page and "Übernommen." not in page
