"""What happens to a contribution, from submission to the expert group's public
statement. Each function is one transaction; each step a resident can see lands in
the contribution's history."""

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from mitplan.core.audit import acting_account
from mitplan.core.i18n import other_languages, texts_set
from mitplan.core.submissions import Saved, content_digest, key_used, save_once
from mitplan.notifications.services import subscribers_notify, subscription_request
from mitplan.processes.models import (
    ExpertGroup,
    FieldOfAction,
    Process,
)
from mitplan.processes.participation import require_open
from mitplan.processes.rules import require

from . import following
from .extending import contribution_merged
from .models import Contribution, HistoryEntry, Statement, Support, Tag
from .rules import can_publish_statements, is_expert_in

Step = HistoryEntry.Step


# Steps subscribers hear about by e-mail.
NOTIFIED_STEPS = {
    Step.PUBLISHED,
    Step.REJECTED,
    Step.FORWARDED,
    Step.ANSWERED,
    Step.MERGED,
}


LOG_PREFIX = "mitplan.contribution."
LOG_STATEMENT_DRAFTED = "mitplan.statement.drafted"
LOG_STATEMENT_CHANGED = "mitplan.statement.changed"


def _history(contribution, step, *, actor=None, expert_group=None, note="", at=None):
    entry = HistoryEntry.objects.create(
        contribution=contribution,
        step=step,
        actor=actor,
        expert_group=expert_group,
        note=note,
        at=at or timezone.now(),
    )
    # The staff audit trail: Wagtail's log, with who did it (residents' own
    # submissions have no account behind them: user None).
    log(
        contribution,
        f"{LOG_PREFIX}{step}",
        user=acting_account(actor),
        data={"note": note, "expert_group": expert_group.pk if expert_group else None},
    )
    if step in NOTIFIED_STEPS:
        subscribers_notify(
            topic=following.topic(contribution),
            step=Step(step).label,
            # Only the author learns why a contribution was not published.
            reason=contribution.moderation_reason if step == Step.REJECTED else "",
            for_author=lambda subscription: following.is_authors_address(
                contribution, subscription
            ),
        )
    return entry


def _staff_only(actor, contribution) -> None:
    """Moderation is for those the rules let moderate this process (actor None: the
    platform itself, e.g. a management command)."""
    if actor is not None:
        require("contributions.moderate", actor, contribution.process)


def _publish(contribution: Contribution, *, actor=None) -> None:
    now = timezone.now()
    contribution.moderation_state = Contribution.Moderation.PUBLISHED
    contribution.published_at = contribution.published_at or now
    contribution.save(update_fields=["moderation_state", "published_at"])
    _history(contribution, Step.PUBLISHED, actor=actor, at=now)


def sent_before(submission_key: str) -> bool:
    """Whether the contribution form with this key was stored already (a resend)."""
    return key_used(Contribution, submission_key)


@transaction.atomic
def contribution_submit(
    *,
    process: Process,
    field_of_action: FieldOfAction,
    kind: str,
    title: str,
    text: str,
    language: str,
    tags: list[Tag] | None = None,
    author=None,
    pseudonym: str = "",
    submission_key: str | None = None,
    source: str = Contribution.Source.ONLINE,
    source_note: str = "",
    entered_by=None,
    email: str = "",
    mail_language: str = "",
) -> tuple[Contribution, Saved]:
    """Store a contribution; published at once under post-moderation. An `email`
    given with it asks for updates in `mail_language` (confirmed by mail unless it
    is the author's verified address), in the same transaction. Returns
    (contribution, Saved): a resent form (same key, same content) returns the first
    one; the same key with other content stores nothing (Saved.CONFLICT) so the
    caller can say so. Texts are never compared across senders: two people who
    write the same words are two contributions."""
    if source == Contribution.Source.ONLINE:
        require_open(process, "contributions")  # says why when closed
    else:
        # Staff enter what came by paper or at an event, in any phase.
        require("contributions.enter_offline", entered_by, process)
    if field_of_action.process_id != process.pk:
        raise ValidationError(_("This field of action belongs to another process."))
    if tags and any(tag.process_id != process.pk for tag in tags):
        raise ValidationError(_("A chosen tag belongs to another process."))
    contribution = Contribution(
        process=process,
        field_of_action=field_of_action,
        kind=kind,
        title=title.strip(),
        text=text.strip(),
        language=language,
        author=author,
        pseudonym=pseudonym.strip(),
        submission_key=submission_key,
        submission_digest=content_digest(
            field=field_of_action.pk,
            kind=kind,
            title=title.strip(),
            text=text.strip(),
            tags=sorted(tag.pk for tag in tags or []),
            pseudonym=pseudonym.strip(),
            email=email.strip().lower(),
        )
        if submission_key
        else "",
        source=source,
        source_note=source_note.strip(),
    )
    # The key's uniqueness is save_once's business: a resent form is no error.
    contribution.full_clean(exclude=["tags", "submission_key"])
    contribution, saved = save_once(contribution)
    if saved is not Saved.CREATED:
        return contribution, saved
    if tags:
        contribution.tags.set(tags)
    if email:
        subscription_request(
            topic=following.topic(contribution),
            email=email,
            language=mail_language or language,
            user=author,
            is_author=True,
        )
    _history(contribution, Step.RECEIVED, actor=entered_by)
    # Input collected on paper is entered by staff, who are the moderation.
    if process.moderation_mode == Process.ModerationMode.POST or entered_by is not None:
        _publish(contribution, actor=entered_by)
    return contribution, saved


@transaction.atomic
def contribution_publish(*, contribution: Contribution, actor) -> Contribution:
    _staff_only(actor, contribution)
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.moderation_state == Contribution.Moderation.PUBLISHED:
        return contribution
    if contribution.moderation_state == Contribution.Moderation.MERGED:
        raise ValidationError(_("A merged contribution cannot be published again."))
    contribution.moderation_reason = ""
    contribution.save(update_fields=["moderation_reason"])
    _publish(contribution, actor=actor)
    return contribution


@transaction.atomic
def contribution_reject(
    *, contribution: Contribution, reason: str, actor
) -> Contribution:
    """Take a contribution off the public pages with a reason its author sees."""
    if not reason.strip():
        raise ValidationError(_("Give the author a reason."), code="reason_required")
    _staff_only(actor, contribution)
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if contribution.moderation_state == Contribution.Moderation.MERGED:
        raise ValidationError(
            _("A merged contribution cannot be rejected: its page leads to the other.")
        )
    if (
        contribution.moderation_state == Contribution.Moderation.REJECTED
        and contribution.moderation_reason == reason.strip()
    ):
        return contribution  # the same rejection again (a double click): no news
    contribution.moderation_state = Contribution.Moderation.REJECTED
    contribution.moderation_reason = reason.strip()
    contribution.save(update_fields=["moderation_state", "moderation_reason"])
    _history(contribution, Step.REJECTED, actor=actor, note=reason.strip()[:300])
    return contribution


@transaction.atomic
def contribution_edit(
    *, contribution: Contribution, title: str, text: str, note: str, actor
) -> Contribution:
    """A moderator's edit (e.g. removing personal data), always with a visible note."""
    if not note.strip():
        raise ValidationError(
            _("Say publicly what was changed and why."), code="note_required"
        )
    _staff_only(actor, contribution)
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    contribution.title = title.strip()
    contribution.text = text.strip()
    contribution.edit_note = note.strip()
    contribution.full_clean(exclude=["tags"])
    contribution.save(update_fields=["title", "text", "edit_note"])
    _history(contribution, Step.EDITED, actor=actor, note=note.strip())
    return contribution


@transaction.atomic
def contribution_merge(
    *, duplicate: Contribution, target: Contribution, actor
) -> Contribution:
    """Merge a duplicate into another contribution: its supports (without double
    counting a person) and comments move over; its page then redirects."""

    _staff_only(actor, duplicate)
    if duplicate.pk == target.pk:
        raise ValidationError(_("A contribution cannot be merged into itself."))
    if duplicate.process_id != target.process_id:
        raise ValidationError(
            _("Only contributions of the same process can be merged.")
        )
    locked = {
        c.pk: c
        for c in Contribution.objects.select_for_update()
        .filter(pk__in=[duplicate.pk, target.pk])
        .order_by("pk")  # every writer locks in one order: no deadlock
    }
    duplicate, target = locked[duplicate.pk], locked[target.pk]
    if duplicate.moderation_state == Contribution.Moderation.MERGED:
        raise ValidationError(_("This contribution was merged already."))
    if target.moderation_state == Contribution.Moderation.MERGED:
        raise ValidationError(_("The target was itself merged; merge into that one."))
    if not target.is_public:
        # Its readers and supporters follow it there: the target must be public.
        raise ValidationError(_("Merge only into a published contribution."))

    existing_users = set(
        target.supports.exclude(user=None).values_list("user_id", flat=True)
    )
    existing_tokens = set(
        target.supports.exclude(token_hash=None).values_list("token_hash", flat=True)
    )
    moving = duplicate.supports.exclude(user_id__in=existing_users).exclude(
        token_hash__in=existing_tokens
    )
    moved_supports = moving.update(contribution=target)
    duplicate.supports.all().delete()
    # Comments (and whatever else other apps keep on it) follow: extending.py.
    contribution_merged.send(sender=Contribution, duplicate=duplicate, target=target)

    Contribution.objects.filter(pk=target.pk).update(
        support_count=F("support_count") + moved_supports,
        comment_count=F("comment_count") + duplicate.comment_count,
    )
    duplicate.moderation_state = Contribution.Moderation.MERGED
    duplicate.merged_into = target
    duplicate.support_count = 0
    duplicate.comment_count = 0
    duplicate.save(
        update_fields=[
            "moderation_state",
            "merged_into",
            "support_count",
            "comment_count",
        ]
    )
    _history(duplicate, Step.MERGED, actor=actor, note=f"→ #{target.pk}")
    _history(target, Step.MERGED, actor=actor, note=f"← #{duplicate.pk}")
    target.refresh_from_db()
    return target


@transaction.atomic
def contribution_forward(
    *, contribution: Contribution, actor, expert_group: ExpertGroup | None = None
) -> Contribution:
    """Hand a published contribution to an expert group (the field's own by default)."""
    _staff_only(actor, contribution)
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if not contribution.is_public:
        raise ValidationError(_("Only published contributions go to an expert group."))
    group = expert_group or getattr(contribution.field_of_action, "expert_group", None)
    if group is None:
        raise ValidationError(_("This field of action has no expert group yet."))
    if (
        contribution.expert_group_id == group.pk
        and contribution.processing_state != Contribution.Processing.RECEIVED
    ):
        return contribution  # it is with this group already: no second step
    contribution.expert_group = group
    if contribution.processing_state == Contribution.Processing.RECEIVED:
        contribution.processing_state = Contribution.Processing.WITH_EXPERT_GROUP
    contribution.save(update_fields=["expert_group", "processing_state"])
    _history(contribution, Step.FORWARDED, actor=actor, expert_group=group)
    return contribution


@transaction.atomic
def statement_draft(
    *,
    contribution: Contribution,
    outcome: str,
    text: str,
    actor,
    translations: dict[str, str] | None = None,
) -> Statement:
    """Expert-group members (and process owners) draft; nothing is public yet.
    `text` is the German source; `translations` ({"en": "…"}) are optional."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    group = contribution.expert_group
    if group is None:
        raise ValidationError(_("Forward the contribution to an expert group first."))
    if not (
        is_expert_in(actor, group)
        or can_publish_statements(actor, contribution.process)
    ):
        raise PermissionDenied
    # `text` is the German source; with translated fields, plain `statement.text`
    # would write whatever language the request happens to be in.
    source_field = f"text_{settings.LANGUAGE_CODE}"
    statement, _created = Statement.objects.get_or_create(
        contribution=contribution,
        defaults={
            "expert_group": group,
            "outcome": outcome,
            source_field: text.strip(),
            "drafted_by": actor,
        },
    )
    if statement.is_published and not can_publish_statements(
        actor, contribution.process
    ):
        raise PermissionDenied
    statement.outcome = outcome
    setattr(statement, source_field, text.strip())
    texts_set(statement, "text", translations or {}, only=other_languages())
    statement.expert_group = group
    statement.drafted_by = actor
    statement.drafted_at = timezone.now()
    statement.full_clean()
    statement.save()
    # Who wrote which version, in the audit log; a change of the public text is
    # named as such (the page shows the new text at once).
    log(
        contribution,
        LOG_STATEMENT_CHANGED if statement.is_published else LOG_STATEMENT_DRAFTED,
        user=acting_account(actor),
        data={"outcome": outcome, "text": text.strip()[:2000]},
    )
    return statement


@transaction.atomic
def statement_write_and_publish(
    *,
    contribution: Contribution,
    outcome: str,
    text: str,
    actor,
    translations: dict[str, str] | None = None,
) -> Statement:
    """Save the statement's text and publish it, in one transaction: a refusal to
    publish leaves no changed draft behind."""
    statement = statement_draft(
        contribution=contribution,
        outcome=outcome,
        text=text,
        actor=actor,
        translations=translations,
    )
    return statement_publish(statement=statement, actor=actor)


@transaction.atomic
def statement_publish(*, statement: Statement, actor) -> Statement:
    """Only process owners publish: the statement, its outcome, and the history step."""
    if not can_publish_statements(actor, statement.contribution.process):
        raise PermissionDenied
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    contribution = statement.contribution
    if not contribution.is_public:
        raise ValidationError(_("The contribution is not public."))
    statement.published_at = timezone.now()
    statement.published_by = actor
    statement.save(update_fields=["published_at", "published_by"])
    contribution.processing_state = Contribution.Processing.ANSWERED
    contribution.save(update_fields=["processing_state"])
    _history(
        contribution,
        Step.ANSWERED,
        actor=actor,
        expert_group=statement.expert_group,
        note=statement.get_outcome_display(),
        at=statement.published_at,
    )
    return statement


def anonymous_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def support_add(*, contribution: Contribution, user=None, token: str = "") -> bool:
    """Add one person's support. True if counted, False if they had supported already.
    The unique constraints decide, so concurrent clicks count exactly once."""
    if not contribution.is_public:
        raise ValidationError(_("Only published contributions can be supported."))
    require_open(contribution.process, "supports")
    if user is not None and user.is_authenticated:
        support = Support(contribution=contribution, user=user)
    elif token:
        support = Support(
            contribution=contribution, token_hash=anonymous_token_hash(token)
        )
    else:
        raise ValidationError(_("Supporting needs a browser token or an account."))
    try:
        with transaction.atomic():
            support.save()
            Contribution.objects.filter(pk=contribution.pk).update(
                support_count=F("support_count") + 1
            )
    except IntegrityError:
        return False
    return True


@transaction.atomic
def support_withdraw(*, contribution: Contribution, user=None, token: str = "") -> bool:
    """Take one person's support back. True if there was one; the count drops by
    exactly the rows deleted, so repeated or concurrent clicks take off one."""
    if user is not None and user.is_authenticated:
        supports = Support.objects.filter(contribution=contribution, user=user)
    elif token:
        supports = Support.objects.filter(
            contribution=contribution, token_hash=anonymous_token_hash(token)
        )
    else:
        return False
    deleted, _by_model = supports.delete()
    if deleted:
        Contribution.objects.filter(pk=contribution.pk).update(
            support_count=F("support_count") - deleted
        )
    return bool(deleted)
