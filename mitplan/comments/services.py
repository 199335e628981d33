"""Comments on contributions: one level of replies, counted on the contribution."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mitplan.contributions.models import Contribution
from mitplan.core.submissions import save_once

from .models import Comment


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
) -> tuple[Comment, bool]:
    if not contribution.is_public:
        raise ValidationError(_("Only published contributions can be discussed."))
    if parent is not None:
        if parent.contribution_id != contribution.pk:
            raise ValidationError(
                _("The comment you answer belongs to another contribution.")
            )
        # Replies stay one level deep: answering a reply answers its comment.
        parent = parent.parent or parent
    comment = Comment(
        contribution=contribution,
        parent=parent,
        text=text.strip(),
        language=language,
        author=author,
        pseudonym=pseudonym.strip(),
        submission_key=submission_key,
    )
    comment.full_clean(exclude=["submission_key"])  # a resent form is no error
    comment, created = save_once(comment)
    if not created:
        return comment, False
    Contribution.objects.filter(pk=contribution.pk).update(
        comment_count=F("comment_count") + 1
    )
    return comment, True


@transaction.atomic
def comment_hide(*, comment: Comment, reason: str) -> Comment:
    """Hide a comment from the public; its replies stay, the count drops by one."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.is_hidden:
        return comment
    comment.is_hidden = True
    comment.hidden_reason = reason.strip()
    comment.save(update_fields=["is_hidden", "hidden_reason"])
    Contribution.objects.filter(pk=comment.contribution_id).update(
        comment_count=F("comment_count") - 1
    )
    # Hiding is the answer to the abuse reports on it: close them, saying so.
    from mitplan.moderation.models import Report

    Report.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=timezone.now(),
        resolution=(reason.strip() or _("Comment hidden."))[:300],
    )
    return comment
