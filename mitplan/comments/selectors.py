"""Reading comments: the public discussion under a contribution, and all of them for
the staff screen."""

from django.db.models import Prefetch

from .models import Comment


def discussion(contribution) -> list[Comment]:
    """Top-level comments, oldest first, each with its replies (hidden ones too:
    the page says they were hidden, so the thread keeps its shape)."""
    return list(
        Comment.objects.filter(contribution=contribution, parent=None)
        .order_by("created_at", "pk")
        .prefetch_related(
            Prefetch("replies", queryset=Comment.objects.order_by("created_at", "pk"))
        )
    )


def for_staff(contribution) -> list[Comment]:
    """Every comment, hidden ones too, as threads: each top-level comment with its
    replies (in `thread_replies`), so a reply is read under what it answers."""
    comments = list(Comment.objects.filter(contribution=contribution))
    replies: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.parent_id:
            replies.setdefault(comment.parent_id, []).append(comment)
    threads = [comment for comment in comments if not comment.parent_id]
    for comment in threads:
        comment.thread_replies = replies.get(comment.pk, [])
    return threads
