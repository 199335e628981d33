import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import staff_member
from mitplan.comments.services import comment_add, comment_hide
from mitplan.contributions import services
from mitplan.contributions.following import topic
from mitplan.contributions.models import Contribution, HistoryEntry, Statement
from mitplan.processes.models import (
    ExpertGroup,
    ExpertGroupMember,
    FieldOfAction,
    Process,
)
from mitplan.processes.roles import PROCESS_OWNERS

from .factories import ContributionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def field(process):
    return FieldOfAction.objects.get(process=process, slug="bildung")


@pytest.fixture
def owner(process_owner):
    return process_owner


@pytest.fixture
def expert(field):
    user = get_user_model().objects.create_user(username="expertin", password="x" * 12)
    ExpertGroupMember.objects.create(
        group=field.expert_group, name="Expertin Beispiel", user=user
    )
    return user


def submit(process, field, **overrides):
    data = {
        "process": process,
        "field_of_action": field,
        "kind": "idea",
        "title": "Abendkurse",
        "text": "Sprachkurse am Abend für Eltern.",
        "language": "de",
    }
    data.update(overrides)
    return services.contribution_submit(**data)


def test_under_pre_moderation_nothing_is_public_before_approval(process, field):
    contribution, created = submit(process, field)
    assert created
    assert contribution.moderation_state == Contribution.Moderation.PENDING
    assert not Contribution.objects.published().filter(pk=contribution.pk).exists()
    assert [e.step for e in contribution.history.all()] == [HistoryEntry.Step.RECEIVED]


def test_under_post_moderation_a_contribution_is_public_at_once(process, field):
    Process.objects.filter(pk=process.pk).update(
        moderation_mode=Process.ModerationMode.POST
    )
    process.refresh_from_db()
    contribution, _created = submit(process, field)
    assert contribution.is_public
    assert contribution.published_at is not None


def test_the_same_submission_key_creates_one_contribution(process, field):
    first, created_first = submit(process, field, submission_key="k1")
    second, created_second = submit(process, field, submission_key="k1")
    assert (bool(created_first), bool(created_second)) == (True, False)
    assert first.pk == second.pk
    assert Contribution.objects.filter(title="Abendkurse").count() == 1


def test_a_field_of_another_process_is_refused(process, field):
    other = Process.objects.create(title_de="Anderer Prozess", slug="anders")
    with pytest.raises(ValidationError):
        submit(other, field)


def test_oversized_text_is_refused_without_a_partial_write(process, field):
    with pytest.raises(ValidationError):
        submit(process, field, text="x" * 5001)
    with pytest.raises(ValidationError):
        submit(process, field, title="x" * 121)
    assert not Contribution.objects.filter(title__startswith="x").exists()


def test_reject_needs_a_reason_the_author_sees(process, field, owner):
    contribution, _ = submit(process, field)
    with pytest.raises(ValidationError):
        services.contribution_reject(contribution=contribution, reason=" ", actor=owner)
    services.contribution_reject(
        contribution=contribution, reason="Enthält Namen Dritter.", actor=owner
    )
    contribution.refresh_from_db()
    assert contribution.moderation_state == Contribution.Moderation.REJECTED
    assert contribution.moderation_reason == "Enthält Namen Dritter."


def test_edit_by_the_moderation_leaves_a_visible_note(owner):
    contribution = ContributionFactory()
    with pytest.raises(ValidationError):
        services.contribution_edit(
            contribution=contribution, title="T", text="x", note="", actor=owner
        )
    services.contribution_edit(
        contribution=contribution,
        title="Neuer Titel",
        text="Gekürzt",
        note="Telefonnummer entfernt",
        actor=owner,
    )
    contribution.refresh_from_db()
    assert contribution.edit_note == "Telefonnummer entfernt"
    assert contribution.history.filter(step="edited").exists()


def test_forward_goes_to_the_fields_expert_group_by_default(owner):
    contribution = ContributionFactory()
    services.contribution_forward(contribution=contribution, actor=owner)
    contribution.refresh_from_db()
    assert contribution.expert_group == contribution.field_of_action.expert_group
    assert contribution.processing_state == Contribution.Processing.WITH_EXPERT_GROUP


def test_experts_draft_and_only_process_owners_publish(owner, expert, field):
    contribution = ContributionFactory(field_of_action=field)
    with pytest.raises(ValidationError):
        services.statement_draft(
            contribution=contribution, outcome="taken", text="Ja", actor=expert
        )
    services.contribution_forward(contribution=contribution, actor=owner)
    statement = services.statement_draft(
        contribution=contribution,
        outcome="partly",
        text="Teilweise übernommen, weil …",
        actor=expert,
    )
    assert not statement.is_published
    with pytest.raises(PermissionDenied):
        services.statement_publish(statement=statement, actor=expert)
    services.statement_publish(statement=statement, actor=owner)
    contribution.refresh_from_db()
    assert contribution.processing_state == Contribution.Processing.ANSWERED
    assert contribution.history.filter(step="answered").exists()


def test_outsiders_cannot_draft_statements(owner, field):
    contribution = ContributionFactory(field_of_action=field)
    services.contribution_forward(contribution=contribution, actor=owner)
    stranger = get_user_model().objects.create_user(username="fremd", password="x" * 12)
    with pytest.raises(PermissionDenied):
        services.statement_draft(
            contribution=contribution, outcome="taken", text="Ja", actor=stranger
        )
    assert not Statement.objects.filter(contribution=contribution).exists()


def test_support_counts_once_per_person_and_per_token():
    contribution = ContributionFactory()
    user = get_user_model().objects.create_user(
        username="unterstuetzerin", password="x" * 12
    )
    assert services.support_add(contribution=contribution, user=user)
    assert not services.support_add(contribution=contribution, user=user)
    assert services.support_add(contribution=contribution, token="token-a")
    assert not services.support_add(contribution=contribution, token="token-a")
    contribution.refresh_from_db()
    assert contribution.support_count == 2 == contribution.supports.count()


def test_unpublished_contributions_cannot_be_supported(process, field):
    contribution, _ = submit(process, field)
    with pytest.raises(ValidationError):
        services.support_add(contribution=contribution, token="t")


def test_merge_moves_supports_and_comments_without_double_counting(owner):
    target = ContributionFactory()
    duplicate = ContributionFactory()
    services.support_add(contribution=target, token="both")
    services.support_add(contribution=duplicate, token="both")
    services.support_add(contribution=duplicate, token="only-duplicate")
    comment_add(contribution=duplicate, text="Gute Idee", language="de")
    merged = services.contribution_merge(
        duplicate=duplicate, target=target, actor=owner
    )
    duplicate.refresh_from_db()
    assert duplicate.moderation_state == Contribution.Moderation.MERGED
    assert duplicate.merged_into_id == target.pk
    assert merged.support_count == 2 == target.supports.count()
    assert merged.comment_count == 1 == target.comments.count()
    with pytest.raises(ValidationError):
        services.contribution_merge(duplicate=target, target=target, actor=owner)


def test_comments_count_and_replies_stay_one_level_deep():
    contribution = ContributionFactory()
    first, _ = comment_add(contribution=contribution, text="Erster", language="de")
    reply, _ = comment_add(
        contribution=contribution, text="Antwort", language="de", parent=first
    )
    deeper, _ = comment_add(
        contribution=contribution, text="Noch tiefer", language="de", parent=reply
    )
    assert deeper.parent_id == first.pk
    contribution.refresh_from_db()
    assert contribution.comment_count == 3
    comment_hide(comment=reply, reason="Beleidigung")
    comment_hide(comment=reply, reason="Beleidigung")
    contribution.refresh_from_db()
    assert contribution.comment_count == 2


def test_subscribers_hear_of_public_steps_only_after_confirming(
    owner, django_capture_on_commit_callbacks
):
    from mitplan.notifications.services import (
        subscription_confirm,
        subscription_request,
    )

    contribution = ContributionFactory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        subscription = subscription_request(
            topic=topic(contribution), email="Leser@Example.net", language="en"
        )
    assert subscription.email == "leser@example.net"
    [confirmation] = mail.outbox
    assert subscription.token in confirmation.body
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_forward(contribution=contribution, actor=owner)
    assert len(mail.outbox) == 1  # unconfirmed: no update
    subscription_confirm(token=subscription.token)
    contribution.refresh_from_db()
    other_group = (
        ExpertGroup.objects.filter(field_of_action__process=contribution.process)
        .exclude(pk=contribution.expert_group_id)
        .first()
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_forward(
            contribution=contribution, actor=owner, expert_group=other_group
        )
    [update] = mail.outbox[1:]
    assert update.to == ["leser@example.net"]
    assert "Forwarded to the expert group" in update.subject
    assert update.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_deleting_a_merge_target_removes_its_redirecting_duplicates(owner):
    target = ContributionFactory()
    duplicate = ContributionFactory()
    services.contribution_merge(duplicate=duplicate, target=target, actor=owner)
    target.delete()
    assert not Contribution.objects.filter(pk=duplicate.pk).exists()


def test_a_statement_drafted_from_an_english_screen_keeps_its_german_text(owner, field):
    from django.utils import translation

    contribution = ContributionFactory(field_of_action=field)
    services.contribution_forward(contribution=contribution, actor=owner)
    with translation.override("en"):
        statement = services.statement_draft(
            contribution=contribution,
            outcome="taken",
            text="Übernommen.",
            translations={"en": "Taken into the draft.", "xx": "ignored"},
            actor=owner,
        )
    statement.refresh_from_db()
    assert statement.text_de == "Übernommen."
    assert statement.text_en == "Taken into the draft."


def test_the_author_is_told_why_a_contribution_was_rejected(
    process, field, owner, django_capture_on_commit_callbacks
):
    from mitplan.notifications.services import (
        subscription_confirm,
        subscription_request,
    )

    contribution, _ = submit(process, field)
    subscription = subscription_request(
        topic=topic(contribution),
        email="autorin@example.net",
        language="de",
        is_author=True,
    )
    subscription_confirm(token=subscription.token)
    # Someone else follows the contribution too: they hear the step, not the reason.
    other = subscription_request(
        topic=topic(contribution), email="leser@example.net", language="de"
    )
    subscription_confirm(token=other.token)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_reject(
            contribution=contribution,
            reason="Bitte ohne Namen von Nachbarn.",
            actor=owner,
        )
    mails = {message.to[0]: message.body for message in mail.outbox}
    assert "Bitte ohne Namen von Nachbarn." in mails["autorin@example.net"]
    assert "Bitte ohne Namen von Nachbarn." not in mails["leser@example.net"]


def test_every_step_enters_the_staff_audit_log_with_who_took_it(process):
    from wagtail.models import ModelLogEntry

    owner = staff_member("amt", PROCESS_OWNERS)
    contribution = ContributionFactory(moderation_state="pending", published_at=None)
    services.contribution_publish(contribution=contribution, actor=owner)
    services.contribution_forward(
        contribution=contribution,
        actor=owner,
        expert_group=contribution.field_of_action.expert_group,
    )
    entries = ModelLogEntry.objects.for_instance(contribution).order_by(
        "timestamp", "pk"
    )
    assert [e.action for e in entries] == [
        "mitplan.contribution.published",
        "mitplan.contribution.forwarded",
    ]
    assert {e.user_id for e in entries} == {owner.pk}
    # The log names the step as the public history does (in the active language).
    assert entries[0].message == str(HistoryEntry.Step.PUBLISHED.label)


def test_hiding_a_reported_comment_closes_its_reports():
    from mitplan.moderation.models import Report
    from mitplan.moderation.services import report_add

    contribution = ContributionFactory()
    comment, _ = comment_add(
        contribution=contribution, text="Beleidigung", language="de"
    )
    report_add(reason="insult", comment=comment)
    comment_hide(comment=comment, reason="Beleidigend")
    report = Report.objects.get(comment=comment)
    assert report.resolved_at is not None and report.resolution == "Beleidigend"


def test_the_same_submission_key_stores_one_contribution_and_one_comment(
    process, field
):
    def submit(text):
        return services.contribution_submit(
            process=process,
            field_of_action=field,
            kind="idea",
            title="Einmal",
            text=text,
            language="de",
            submission_key="key-1",
        )

    first, created = submit("Erster Text")
    # Even with another text (so not caught as the same content), the key decides.
    again, created_again = submit("Anderer Text")
    assert created and not created_again and again.pk == first.pk
    first.moderation_state = Contribution.Moderation.PUBLISHED
    first.save()
    comment, made = comment_add(
        contribution=first, text="Ja", language="de", submission_key="c-1"
    )
    repeat, made_again = comment_add(
        contribution=first, text="Ja!", language="de", submission_key="c-1"
    )
    assert made and not made_again and repeat.pk == comment.pk
    first.refresh_from_db()
    assert first.comment_count == 1


def test_a_repeated_reject_or_forward_adds_no_second_step(process_owner):
    """A double click, or two staff at once: one history step, one mail."""
    rejected = ContributionFactory()
    for _ in range(3):
        services.contribution_reject(
            contribution=rejected, reason="Doppelt eingereicht", actor=process_owner
        )
    assert rejected.history.filter(step="rejected").count() == 1
    forwarded = ContributionFactory()
    for _ in range(3):
        services.contribution_forward(contribution=forwarded, actor=process_owner)
    assert forwarded.history.filter(step="forwarded").count() == 1


def test_merging_keeps_what_is_public_public(process_owner):
    duplicate, other = ContributionFactory(), ContributionFactory()
    hidden = ContributionFactory(moderation_state="rejected")
    pending = ContributionFactory(moderation_state="pending", published_at=None)
    for target in (hidden, pending):
        with pytest.raises(ValidationError):
            services.contribution_merge(
                duplicate=duplicate, target=target, actor=process_owner
            )
    services.contribution_merge(duplicate=duplicate, target=other, actor=process_owner)
    with pytest.raises(ValidationError):  # merged once; its page leads to the other
        services.contribution_merge(
            duplicate=duplicate, target=ContributionFactory(), actor=process_owner
        )
    with pytest.raises(ValidationError):
        services.contribution_reject(
            contribution=duplicate, reason="Doch nicht", actor=process_owner
        )
    assert duplicate.history.filter(step="merged").count() == 1
