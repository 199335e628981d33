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
    return list(
        Comment.objects.filter(contribution=contribution).select_related("parent")
    )
