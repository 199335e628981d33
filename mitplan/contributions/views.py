"""Public pages of contributions, routed below a process portal (cms.ProcessPage):
list, submit, detail, and the small forms on the detail page (support, comment,
report, subscribe). Each action: rate limit → form → one service call → redirect."""

import functools
import secrets

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from mitplan.comments import services as comment_services
from mitplan.core.origin import same_origin_post
from mitplan.core.ratelimits import client_key, limit_count, limit_reached
from mitplan.moderation import services as moderation_services
from mitplan.notifications import services as notification_services
from mitplan.processes import selectors as process_selectors
from mitplan.processes.participation import participation

from . import selectors, services
from .forms import CommentForm, ContributionForm, FilterForm, ReportForm, SubscribeForm
from .languages import detect_language
from .models import Contribution

SUPPORTER_COOKIE = "mitplan_supporter"
SUPPORTER_SALT = "mitplan.contributions.supporter"


CLOSED_MESSAGES = {
    "contributions": gettext_lazy(
        "Sending contributions is closed at the moment. What you wrote is still "
        "here, so you can copy it."
    ),
    "comments": gettext_lazy(
        "Commenting is closed at the moment. What you wrote is still here, so you "
        "can copy it."
    ),
}


def _open_for(page, feature: str) -> bool:
    """Whether the process's running phases let residents do this now."""
    process = process_selectors.process_for_pages(page.process_id)
    return getattr(participation(process), feature)


def _limited(request, group: str, rate: str) -> bool:
    return is_ratelimited(
        request, group=group, key=client_key, rate=rate, method="POST", increment=True
    )


def _limit_error(form):
    form.add_error(
        None,
        _(
            "You have sent a lot in a short time. Please wait a while and send this "
            "again: what you wrote is still here."
        ),
    )


def _public_contribution(page, pk: int):
    """The published contribution the small forms act on; anything else is a 404."""
    contribution = selectors.contribution_detail(page.process, pk)
    if not contribution.is_public:
        raise Http404
    return contribution


def _refusal(request, *, page, pk: int, name: str, form, over_limit: bool):
    """The detail page again, with the small form's errors and what was typed, when
    the form cannot be taken (over the limit: 429, invalid: 400); else None."""
    if over_limit:
        _limit_error(form)
        status = 429
    elif not form.is_valid():
        status = 400
    else:
        return None
    return contribution_detail(
        request, page=page, pk=pk, forms={name: form}, status=status
    )


def detail_url(page, pk: int) -> str:
    return page.url + page.reverse_subpage("contribution_detail", args=[pk])


def _context(request, page, **extra):
    context = page.get_context(request, full=False)
    context.update(extra)
    return context


def contribution_list(request, *, page):
    context = page.get_context(request, full=False)
    process = context["process"]
    tags = selectors.process_tags(process)
    languages = selectors.languages_in_use(process)
    filter_form = FilterForm(
        request.GET or None,
        fields=context["fields_of_action"],
        languages=languages,
        tags=tags,
    )
    filters = filter_form.filters()
    results = selectors.contribution_list(process, filters, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        {
            "results": results,
            # Cards link to list_url + id + "/": one URL lookup for the page.
            "list_url": page.url + page.reverse_subpage("contribution_list"),
            "filters": filters,
            "filter_query": query.urlencode(),
            "kinds": Contribution.Kind.choices,
            "states": selectors.STATE_CHOICES,
            "sorts": filter_form.fields["sort"].choices,
            "tags": tags,
            "languages": languages,
            "breadcrumbs_extra": [(None, _("Contributions"))],
        }
    )
    return TemplateResponse(request, "contributions/contribution_list.html", context)


@same_origin_post
def contribution_create(request, *, page):
    context = page.get_context(request, full=False)
    process = context["process"]
    status = 200
    similar = None
    if request.method == "POST" and not context["participation"].contributions:
        # Closed while the sender was writing: say so, and keep every word.
        form = ContributionForm(request.POST, process=process)
        form.is_valid()
        form.add_error(None, CLOSED_MESSAGES["contributions"])
        status = 403
    elif request.method == "POST" and "check_similar" in request.POST:
        # Without JavaScript: show similar contributions, save nothing, keep the text.
        typed = {
            name: request.POST.getlist(name)
            if name == "tags"
            else request.POST.get(name)
            for name in (
                "kind",
                "field_of_action",
                "title",
                "text",
                "tags",
                "language",
                "pseudonym",
                "email",
            )
        }
        form = ContributionForm(process=process, initial=typed)
        similar = selectors.similar_contributions(
            process,
            language=get_language(),
            text=f"{request.POST.get('title', '')[:200]}\n{request.POST.get('text', '')[:2000]}",
        )
    elif request.method == "POST":
        # Over the limit, a sender can still send after a short proof of work.
        over_limit = limit_reached(
            request, "contributions.create", settings.CONTRIBUTION_RATE
        )
        form = ContributionForm(request.POST, process=process, require_proof=over_limit)
        if form.is_valid():
            data = form.cleaned_data
            limit_count(request, "contributions.create", settings.CONTRIBUTION_RATE)
            try:
                contribution, created = services.contribution_submit(
                    process=process,
                    field_of_action=data["field_of_action"],
                    kind=data["kind"],
                    title=data["title"],
                    text=data["text"],
                    language=data["language"],
                    tags=list(data.get("tags") or []),
                    author=request.user if request.user.is_authenticated else None,
                    pseudonym=data["pseudonym"],
                    submission_key=data["submission"],
                )
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                if data["email"] and (
                    created
                    or not contribution.subscriptions.filter(
                        email=data["email"].strip().lower()
                    ).exists()
                ):
                    # A resent form (back, send again) mails no second confirmation.
                    notification_services.subscription_request(
                        contribution=contribution,
                        email=data["email"],
                        language=get_language(),
                        user=request.user,
                    )
                if contribution.is_public:
                    return redirect(detail_url(page, contribution.pk) + "?sent=1")
                return redirect(
                    page.url + page.reverse_subpage("contribution_received")
                )
        else:
            status = 429 if over_limit else 400
    else:
        initial = {}
        field_slug = request.GET.get("field")
        if field_slug:
            initial["field_of_action"] = process.fields_of_action.filter(
                slug=field_slug
            ).first()
        if request.user.is_authenticated and request.user.email:
            initial["email"] = request.user.email
        form = ContributionForm(process=process, initial=initial)
    context.update(
        form=form,
        similar=similar,
        breadcrumbs_extra=[
            (page.reverse_subpage("contribution_list"), _("Contributions")),
            (None, _("Send a contribution")),
        ],
    )
    return TemplateResponse(
        request, "contributions/contribution_form.html", context, status=status
    )


@login_required
def my_contributions(request):
    """A signed-in resident's own contributions with what became of each, including
    the moderation's reason when one was not published."""
    # cms routes to these views, so its selectors are imported at call time.
    from mitplan.cms.selectors import process_page_for

    contributions = selectors.contributions_of_author(request.user)
    portal_pages = {
        process.pk: process_page_for(process)
        for process in {c.process for c in contributions}
    }
    for contribution in contributions:
        page = portal_pages.get(contribution.process_id)
        shown = (
            contribution.merged_into
            if contribution.moderation_state == Contribution.Moderation.MERGED
            else contribution
        )
        contribution.public_url = (
            detail_url(page, shown.pk) if page and shown.is_public else ""
        )
    return TemplateResponse(
        request,
        "contributions/my_contributions.html",
        {"contributions": contributions},
    )


def contribution_similar(request, *, page):
    """Contributions like the one being written (htmx partial, and the no-JS check)."""
    title = request.GET.get("title", "")[:200]
    text = request.GET.get("text", "")[:2000]
    similar = []
    if len(f"{title} {text}".split()) >= 3:
        similar = selectors.similar_contributions(
            page.process, language=get_language(), text=f"{title}\n{text}"
        )
    return TemplateResponse(
        request,
        "contributions/includes/similar.html",
        {"similar": similar, "page": page, "checked": True},
    )


def contribution_received(request, *, page):
    context = _context(
        request, page, breadcrumbs_extra=[(None, _("Contribution received"))]
    )
    return TemplateResponse(
        request, "contributions/contribution_received.html", context
    )


def contribution_detail(
    request, *, page, pk: int, forms=None, status=200, support_refused=False
):
    context = page.get_context(request, full=False)
    contribution = selectors.contribution_detail(context["process"], pk)
    if contribution.moderation_state == Contribution.Moderation.MERGED:
        # Permanent, and the page says why it is another one than the link promised.
        return redirect(
            detail_url(page, contribution.merged_into_id) + "?zusammengefuehrt=1",
            permanent=True,
        )
    if not contribution.is_public:
        raise Http404
    forms = forms or {}
    comment_form = forms.get("comment")
    reply_to = _reply_target(
        contribution,
        comment_form["parent"].value() if comment_form else request.GET.get("antwort"),
    )
    if comment_form is None:
        comment_form = CommentForm(
            initial={"parent": reply_to.pk if reply_to else None}
        )
    context.update(
        {
            "contribution": contribution,
            "reply_to": reply_to,
            "support_refused": support_refused,
            # The comment just sent says so (and keyboard focus can land on it).
            "commented": int(request.GET["kommentiert"])
            if request.GET.get("kommentiert", "").isdigit()
            else None,
            # A small form was refused: the page title starts with "Error" too.
            "has_form_errors": status >= 400,
            "statement": contribution.public_statement,
            "history": selectors.public_history(contribution),
            "comment_form": comment_form,
            "subscribe_form": forms.get("subscribe") or SubscribeForm(),
            "has_supported": _has_supported(request, contribution),
            "just_sent": request.GET.get("sent") == "1",
            "arrived_merged": request.GET.get("zusammengefuehrt") == "1",
            "breadcrumbs_extra": [
                (page.reverse_subpage("contribution_list"), _("Contributions")),
                (None, contribution.title),
            ],
        }
    )
    return TemplateResponse(
        request, "contributions/contribution_detail.html", context, status=status
    )


def _reply_target(contribution, comment_id):
    """The visible top-level comment a reply goes to (one level of replies only)."""
    if not str(comment_id or "").isdigit():
        return None
    for comment in contribution.top_level_comments:
        if comment.pk == int(comment_id) and not comment.is_hidden:
            return comment
    return None


def _supporter_token(request) -> str | None:
    return request.get_signed_cookie(
        SUPPORTER_COOKIE, default=None, salt=SUPPORTER_SALT
    )


def _has_supported(request, contribution) -> bool:
    if request.user.is_authenticated:
        return contribution.supports.filter(user=request.user).exists()
    token = _supporter_token(request)
    if not token:
        return False
    return contribution.supports.filter(
        token_hash=services.anonymous_token_hash(token)
    ).exists()


def post_only(view):
    """The small forms' addresses are what the browser shows after an error; a
    reload, a language switch or a shared link asks them with GET. Lead those back
    to the contribution instead of a bare 405."""

    @functools.wraps(view)
    def wrapper(request, *, page, pk: int):
        if request.method != "POST":
            return redirect(detail_url(page, pk))
        return view(request, page=page, pk=pk)

    return wrapper


@same_origin_post
@post_only
def contribution_support(request, *, page, pk: int):
    contribution = _public_contribution(page, pk)
    url = detail_url(page, contribution.pk) + "#support"
    if not _open_for(page, "supports"):
        return contribution_detail(
            request, page=page, pk=pk, status=403, support_refused=True
        )
    if _limited(request, "contributions.support", settings.SUPPORT_RATE):
        return contribution_detail(request, page=page, pk=pk, status=429)
    user = request.user if request.user.is_authenticated else None
    if request.POST.get("withdraw"):
        services.support_withdraw(
            contribution=contribution, user=user, token=_supporter_token(request) or ""
        )
        return redirect(url)
    token = None
    if not request.user.is_authenticated:
        token = _supporter_token(request) or secrets.token_urlsafe(24)
    services.support_add(contribution=contribution, user=user, token=token or "")
    response = redirect(url)
    if token:
        # The one cookie of the site: it lets an anonymous visitor support once per
        # contribution. Only set when someone presses "support".
        response.set_signed_cookie(
            SUPPORTER_COOKIE,
            token,
            salt=SUPPORTER_SALT,
            max_age=365 * 86400,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


@same_origin_post
@post_only
def contribution_comment(request, *, page, pk: int):
    contribution = _public_contribution(page, pk)
    form = CommentForm(request.POST)
    if not _open_for(page, "comments"):
        form.is_valid()
        form.add_error(None, CLOSED_MESSAGES["comments"])
        return contribution_detail(
            request, page=page, pk=pk, forms={"comment": form}, status=403
        )
    over_limit = limit_reached(request, "contributions.comment", settings.COMMENT_RATE)
    if refusal := _refusal(
        request, page=page, pk=pk, name="comment", form=form, over_limit=over_limit
    ):
        return refusal
    limit_count(request, "contributions.comment", settings.COMMENT_RATE)
    parent = None
    if form.cleaned_data["parent"]:
        parent = contribution.comments.filter(pk=form.cleaned_data["parent"]).first()
        if parent is None:
            form.add_error(None, _("The comment you answer does not exist (any more)."))
            return contribution_detail(
                request, page=page, pk=pk, forms={"comment": form}, status=400
            )
    comment, _created = comment_services.comment_add(
        contribution=contribution,
        # The language it is written in, not the page's (an English reply on the
        # Arabic page is English).
        text=form.cleaned_data["text"],
        language=detect_language(form.cleaned_data["text"], fallback=get_language()),
        author=request.user if request.user.is_authenticated else None,
        pseudonym=form.cleaned_data["pseudonym"],
        parent=parent,
        submission_key=form.cleaned_data["submission"],
    )
    return redirect(
        detail_url(page, contribution.pk)
        + f"?kommentiert={comment.pk}#comment-{comment.pk}"
    )


@same_origin_post
def contribution_report(request, *, page, pk: int):
    contribution = _public_contribution(page, pk)
    comment = None
    comment_id = request.GET.get("comment") or request.POST.get("comment")
    if comment_id:
        if not str(comment_id).isdigit():
            raise Http404
        comment = contribution.comments.filter(pk=comment_id, is_hidden=False).first()
        if comment is None:
            raise Http404
    status = 200
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        if _limited(request, "contributions.report", settings.REPORT_RATE):
            _limit_error(form)
            status = 429
        elif form.is_valid():
            moderation_services.report_add(
                reason=form.cleaned_data["reason"],
                explanation=form.cleaned_data["explanation"],
                client=client_key("report", request),
                contribution=None if comment else contribution,
                comment=comment,
            )
            return redirect(detail_url(page, contribution.pk) + "?reported=1")
        else:
            status = 400
    context = _context(
        request,
        page,
        form=form,
        contribution=contribution,
        reported_comment=comment,
        breadcrumbs_extra=[
            (page.reverse_subpage("contribution_list"), _("Contributions")),
            (
                page.reverse_subpage("contribution_detail", args=[pk]),
                contribution.title,
            ),
            (None, _("Report")),
        ],
    )
    return TemplateResponse(
        request, "contributions/report_form.html", context, status=status
    )


@same_origin_post
@post_only
def contribution_subscribe(request, *, page, pk: int):
    contribution = _public_contribution(page, pk)
    form = SubscribeForm(request.POST)
    over_limit = _limited(request, "contributions.subscribe", settings.REPORT_RATE)
    if refusal := _refusal(
        request, page=page, pk=pk, name="subscribe", form=form, over_limit=over_limit
    ):
        return refusal
    notification_services.subscription_request(
        contribution=contribution,
        email=form.cleaned_data["email"],
        language=get_language(),
        user=request.user,
    )
    return redirect(detail_url(page, contribution.pk) + "?subscribed=1#subscribe")
