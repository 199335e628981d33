"""Comments on contributions: one level of replies, counted on the contribution."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from mitplan.contributions.models import Contribution
from mitplan.core.audit import acting_account
from mitplan.core.submissions import Saved, content_digest, key_used, save_once
from mitplan.processes.participation import require_open
from mitplan.processes.rules import require

from .models import Comment


@transaction.atomic
def sent_before(submission_key: str) -> bool:
    """Whether the comment form with this key was stored already (a resend)."""
    return key_used(Comment, submission_key)


@transaction.atomic
def comment_add(
    *,
    contribution: Contribution,
    text: str,
    language: str,
    author=None,
    pseudonym: str = "",
    parent: Comment | None = None,
    submission_key: str | None = None,
) -> tuple[Comment, Saved]:
    """Store a comment. A resent form returns the first one; its key with other
    content stores nothing (Saved.CONFLICT), for the caller to say so.

    One transaction with the contribution's row locked: a merge or a rejection
    that happens meanwhile waits, so a comment confirmed here is on a public
    contribution and counted there."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if not contribution.is_public:
        raise ValidationError(_("Only published contributions can be discussed."))
    require_open(contribution.process, "comments")
    if parent is not None:
        parent = Comment.objects.select_related("parent").get(pk=parent.pk)
        if parent.contribution_id != contribution.pk:
            raise ValidationError(
                _("The comment you answer belongs to another contribution.")
            )
        # Replies stay one level deep: answering a reply answers its comment.
        parent = parent.parent or parent
        if parent.is_hidden:
            raise ValidationError(
                _("The comment you answer was hidden by the moderation.")
            )
    comment = Comment(
        contribution=contribution,
        parent=parent,
        text=text.strip(),
        language=language,
        author=author,
        pseudonym=pseudonym.strip(),
        submission_key=submission_key,
        submission_digest=content_digest(
            contribution=contribution.pk,
            parent=parent.pk if parent else None,
            text=text.strip(),
            pseudonym=pseudonym.strip(),
        )
        if submission_key
        else "",
    )
    comment.full_clean(exclude=["submission_key"])  # a resent form is no error
    comment, saved = save_once(comment)
    if saved is Saved.CREATED:
        Contribution.objects.filter(pk=contribution.pk).update(
            comment_count=F("comment_count") + 1
        )
    return comment, saved


# Sent in the hiding transaction with comment=, reason= and actor=: moderation
# closes the abuse reports on it.
comment_hidden = Signal()

LOG_HIDDEN = "mitplan.comment.hidden"


@transaction.atomic
def comment_hide(*, comment: Comment, reason: str, actor=None) -> Comment:
    """Hide a comment from the public; its replies stay, the count drops by one.
    The audit log keeps who hid it and why. actor None: the platform itself."""
    if actor is not None:
        require("comments.hide", actor, comment.contribution.process)
    # The contribution first, as comment_add and merge lock it: one order, no
    # deadlock, and the count changes under the same lock as the rows.
    Contribution.objects.select_for_update().get(pk=comment.contribution_id)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.is_hidden:
        return comment
    comment.is_hidden = True
    comment.hidden_reason = reason.strip()
    comment.save(update_fields=["is_hidden", "hidden_reason"])
    Contribution.objects.filter(pk=comment.contribution_id).update(
        comment_count=F("comment_count") - 1
    )
    log(
        comment.contribution,
        LOG_HIDDEN,
        user=acting_account(actor),
        data={"comment": comment.pk, "reason": comment.hidden_reason},
    )
    answers = comment_hidden.send(
        sender=Comment, comment=comment, reason=comment.hidden_reason, actor=actor
    )
    # What the listeners closed with it (moderation: the abuse reports on it).
    comment.reports_closed = sum(n for _r, n in answers if isinstance(n, int))
    return comment


def comments_follow_merge(sender, *, duplicate, target, **kwargs) -> None:
    """A merged contribution's comments move to the one it was merged into (the
    count moves with contributions' own fields)."""
    Comment.objects.filter(contribution=duplicate).update(contribution=target)
