"""Residents comment on a contribution (below a process's portal), and the comments
section of the contribution's page (registered in apps.py)."""

from django.conf import settings
from django.shortcuts import redirect
from django.utils.translation import get_language, gettext_lazy

from mitplan.contributions.views import (
    contribution_detail,
    detail_url,
    is_open_for,
    post_only,
    public_contribution,
)
from mitplan.core.languages import detect_language
from mitplan.core.origin import same_origin_post
from mitplan.core.parsing import parse_id
from mitplan.core.ratelimits import Limit
from mitplan.core.sending import NotCarriedOut, carry_out
from mitplan.core.submissions import RESENT_OTHER_CONTENT, Saved

from . import selectors, services
from .forms import NO_SUCH_COMMENT, CommentForm

CLOSED = gettext_lazy(
    "Commenting is closed at the moment. What you wrote is still here, so you "
    "can copy it."
)


def section_context(request, page, contribution, form) -> dict:
    """The comments under a contribution and the form to write one (or a reply:
    ?reply=<comment> on the page, or the refused form's `parent`)."""
    comments = selectors.discussion(contribution)
    reply_to = _reply_target(
        comments, form["parent"].value() if form else request.GET.get("reply")
    )
    if form is None:
        form = CommentForm(initial={"parent": reply_to.pk if reply_to else None})
    return {
        "comments": comments,
        "form": form,
        "reply_to": reply_to,
        # The comment just sent says so (and keyboard focus can land on it).
        "commented": parse_id(request.GET.get("commented")),
    }


def _reply_target(comments, comment_id):
    """The visible top-level comment a reply goes to (one level of replies only)."""
    comment_id = parse_id(comment_id)
    if comment_id is None:
        return None
    for comment in comments:
        if comment.pk == comment_id and not comment.is_hidden:
            return comment
    return None


def _page_again(request, *, page, pk: int, form, status: int):
    """The contribution's page again, with the form's errors and what was typed."""
    return contribution_detail(
        request, page=page, pk=pk, forms={"comment": form}, status=status
    )


@same_origin_post
@post_only
def comment_create(request, *, page, pk: int):
    contribution = public_contribution(page, pk)
    form = CommentForm(request.POST)
    if not is_open_for(page, "comments"):
        form.is_valid()
        form.add_error(None, CLOSED)
        return _page_again(request, page=page, pk=pk, form=form, status=403)
    if not form.is_valid():
        return _page_again(request, page=page, pk=pk, form=form, status=400)
    # The limit is checked and counted in one step by carry_out below.
    limits = [Limit.per_client(request, "contributions.comment", settings.COMMENT_RATE)]
    parent = None
    if form.cleaned_data["parent"]:
        parent = contribution.comments.filter(
            pk=form.cleaned_data["parent"], is_hidden=False
        ).first()
        if parent is None:
            form.add_error(None, NO_SUCH_COMMENT)
            return _page_again(request, page=page, pk=pk, form=form, status=400)

    def store():
        return services.comment_add(
            contribution=contribution,
            # The language it is written in, not the page's (an English reply on
            # the Arabic page is English).
            text=form.cleaned_data["text"],
            language=detect_language(
                form.cleaned_data["text"], fallback=get_language()
            ),
            author=request.user if request.user.is_authenticated else None,
            pseudonym=form.cleaned_data["pseudonym"],
            parent=parent,
            submission_key=form.cleaned_data["submission"],
        )

    try:
        comment, saved = carry_out(
            store,
            *limits,
            happened=lambda result: result[1] is Saved.CREATED,
            stored_before=lambda: services.sent_before(form.cleaned_data["submission"]),
        )
    except NotCarriedOut as refusal:
        form.add_error(None, refusal.message)
        return _page_again(request, page=page, pk=pk, form=form, status=refusal.status)
    if saved is Saved.CONFLICT:
        # The browser makes a fresh key for the form shown again.
        sent = request.POST.copy()
        sent["submission"] = ""
        form = CommentForm(sent)
        form.is_valid()
        form.add_error(None, RESENT_OTHER_CONTENT)
        return _page_again(request, page=page, pk=pk, form=form, status=409)
    return redirect(
        detail_url(page, contribution.pk)
        + f"?commented={comment.pk}#comment-{comment.pk}"
    )
