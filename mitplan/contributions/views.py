"""Public pages of contributions, routed below a process portal (cms.ProcessPage):
list, submit, detail, and the small forms on the detail page (support, comment,
report, subscribe). Each action: rate limit → form → one service call → redirect."""

import functools
import secrets

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from mitplan.core import pagecache, ratelimits
from mitplan.core.origin import same_origin_post
from mitplan.core.ratelimits import Limit
from mitplan.core.sending import NotCarriedOut, carry_out
from mitplan.core.submissions import RESENT_OTHER_CONTENT, Saved
from mitplan.notifications import services as notification_services
from mitplan.processes import selectors as process_selectors
from mitplan.processes.participation import participation
from mitplan.processes.portal import page_context, portal_page

from . import following, selectors, services
from .extending import detail_sections
from .forms import (
    ContributionForm,
    FilterForm,
    SubscribeForm,
    new_submission_key,
    signed_key,
)
from .models import Contribution

SUPPORTER_COOKIE = "mitplan_supporter"
SUPPORTER_SALT = "mitplan.contributions.supporter"


def supporter_cookie_name(request) -> str:
    """Over HTTPS the cookie is `__Host-` bound: only this host, path /, Secure, so
    no other site under the domain can set or read it."""
    return f"__Host-{SUPPORTER_COOKIE}" if request.is_secure() else SUPPORTER_COOKIE


CLOSED_MESSAGES = {
    "contributions": gettext_lazy(
        "Sending contributions is closed at the moment. What you wrote is still "
        "here, so you can copy it."
    ),
}


def is_open_for(page, feature: str) -> bool:
    """Whether the process's running phases let residents do this now."""
    process = process_selectors.process_for_pages(page.process_id)
    return getattr(participation(process), feature)


def public_contribution(page, pk: int):
    """The published contribution the small forms act on; anything else is a 404."""
    contribution = selectors.contribution_detail(page.process, pk)
    if not contribution.is_public:
        raise Http404
    return contribution


def _detail_again(request, *, page, pk: int, name: str, form, status: int):
    """The detail page again, with the small form's errors and what was typed."""
    return contribution_detail(
        request, page=page, pk=pk, forms={name: form}, status=status
    )


def detail_url(page, pk: int) -> str:
    return page.url + page.reverse_subpage("contribution_detail", args=[pk])


def breadcrumbs_to(page, contribution) -> list:
    """The trail from the portal to a contribution's page, for pages below it."""
    return [
        (page.reverse_subpage("contribution_list"), _("Contributions")),
        (
            page.reverse_subpage("contribution_detail", args=[contribution.pk]),
            contribution.title,
        ),
    ]


def contribution_list(request, *, page):
    context = page_context(request, page)
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
    if filter_form.took_every_value(filters) and _written_page(request, results):
        # Only then may the shared cache keep this page under its address: made-up
        # values would otherwise fill it with copies of one page.
        pagecache.query_understood(request)
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


def _written_page(request, results) -> bool:
    """Whether ?page= (if given) names the page shown, written as it links it."""
    asked = request.GET.getlist("page")
    return not asked or (
        len(asked) == 1 and asked[0] == str(results.number) and results.number > 1
    )


def _contribution_send(request, page, process):
    """Store a sent contribution (and the request for updates by e-mail) or say why
    not, keeping every word. Returns (form, status, redirect or None)."""
    limits = [
        Limit.per_client(request, "contributions.create", settings.CONTRIBUTION_RATE)
    ]
    # Over the limit, a sender can still send after a short proof of work.
    # A resend of what was stored is answered as such, never asked for proof.
    over_limit = ratelimits.used_up(*limits) and not services.sent_before(
        signed_key(request.POST.get("submission"))
    )
    form = ContributionForm(request.POST, process=process, require_proof=over_limit)
    if not form.is_valid():
        return form, 429 if over_limit else 400, None
    data = form.cleaned_data
    email = (data["email"] or "").strip().lower()

    def store():
        return services.contribution_submit(
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
            email=email,
            mail_language=get_language(),
        )

    try:
        contribution, saved = carry_out(
            store,
            *limits,
            proved=over_limit,
            happened=lambda result: result[1] is Saved.CREATED,
            stored_before=lambda: services.sent_before(data["submission"]),
        )
    except NotCarriedOut as refusal:
        if refusal.status == 429 and not over_limit:
            # Used up just now: ask for the proof of work, as a next try would.
            form = ContributionForm(request.POST, process=process, require_proof=True)
            form.is_valid()
        form.add_error(None, refusal.message)
        return form, refusal.status, None
    if saved is Saved.CONFLICT:
        # Not a resend: keep the text, with a fresh key so sending stores it.
        sent = request.POST.copy()
        sent["submission"] = new_submission_key()
        form = ContributionForm(sent, process=process)
        form.is_valid()
        form.add_error(None, RESENT_OTHER_CONTENT)
        return form, 409, None
    # "#main": a fragment of the form's address (a field the error summary jumped
    # to) would otherwise carry over to the next page.
    if contribution.is_public:
        return form, 302, redirect(detail_url(page, contribution.pk) + "?sent=1#main")
    received = page.url + page.reverse_subpage("contribution_received")
    return form, 302, redirect(received + "#main")


TYPED_FIELDS = (
    "kind",
    "field_of_action",
    "title",
    "text",
    "tags",
    "language",
    "pseudonym",
    "email",
)


def _typed(request) -> dict:
    """What was typed into the contribution form, to show it again unbound."""
    return {
        name: request.POST.getlist(name) if name == "tags" else request.POST.get(name)
        for name in TYPED_FIELDS
    }


@never_cache  # the form carries a one-time key: no cache may share the page
@same_origin_post
def contribution_create(request, *, page):
    context = page_context(request, page)
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
        form = ContributionForm(process=process, initial=_typed(request))
        similar = selectors.similar_contributions(
            process,
            language=get_language(),
            text=f"{request.POST.get('title', '')[:200]}\n{request.POST.get('text', '')[:2000]}",
        )
    elif request.method == "POST":
        form, status, done = _contribution_send(request, page, process)
        if done is not None:
            return done
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
    contributions = selectors.contributions_of_author(request.user)
    portal_pages = {
        process.pk: portal_page(process)
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
    context = page_context(
        request, page, breadcrumbs_extra=[(None, _("Contribution received"))]
    )
    return TemplateResponse(
        request, "contributions/contribution_received.html", context
    )


def contribution_detail(
    request,
    *,
    page,
    pk: int,
    forms=None,
    status=200,
    support_refused=False,
    support_refusal=None,
):
    written = request.path.rstrip("/").rsplit("/", 1)[-1]
    if written.isdigit() and written != str(pk):
        # "041" reaches contribution 41 too: one address for it.
        return redirect(detail_url(page, pk), permanent=True)
    context = page_context(request, page)
    contribution = selectors.contribution_detail(context["process"], pk)
    if contribution.moderation_state == Contribution.Moderation.MERGED:
        # Permanent, and the page says why it is another one than the link promised.
        return redirect(
            detail_url(page, contribution.merged_into_id) + "?merged=1",
            permanent=True,
        )
    if not contribution.is_public:
        raise Http404
    forms = forms or {}
    context.update(
        {
            "contribution": contribution,
            # Comments and what else other apps show below it (extending.py).
            "sections": detail_sections(request, page, contribution, forms),
            "support_refused": support_refused,
            # Why a press of "support" was not counted although supporting is open.
            "support_refusal": support_refusal,
            # A small form was refused: the page title starts with "Error" too.
            "has_form_errors": status >= 400,
            "statement": contribution.public_statement,
            "history": selectors.public_history(contribution),
            "subscribe_form": forms.get("subscribe") or SubscribeForm(),
            "has_supported": _has_supported(request, contribution),
            "just_sent": request.GET.get("sent") == "1",
            "arrived_merged": request.GET.get("merged") == "1",
            "breadcrumbs_extra": [
                (page.reverse_subpage("contribution_list"), _("Contributions")),
                (None, contribution.title),
            ],
        }
    )
    return TemplateResponse(
        request, "contributions/contribution_detail.html", context, status=status
    )


def _supporter_token(request) -> str | None:
    return request.get_signed_cookie(
        supporter_cookie_name(request), default=None, salt=SUPPORTER_SALT
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


SUPPORT_LIMITED = gettext_lazy(
    "Your support was not counted: you have sent a lot in a short time. Please "
    "try again later."
)
SUPPORT_FAILED = gettext_lazy(
    "Your support was not counted because of a problem on our side. Please try "
    "again in a few minutes."
)
NO_COOKIE = gettext_lazy(
    "Your support was not counted: to count each person once, supporting without "
    "an account needs one cookie, and your browser does not keep cookies for this "
    "site. Allow cookies for this site, or sign in, and press the button again."
)
SUPPORT_CAPPED = gettext_lazy(
    "Your support was not counted: many supports for this contribution came from "
    "your network today. Please try again tomorrow."
)


def _supporter_cookie(response, request, token: str) -> None:
    # The one cookie of the site for readers: it lets a visitor without an account
    # support once per contribution. Only set when someone presses "support".
    response.set_signed_cookie(
        supporter_cookie_name(request),
        token,
        salt=SUPPORTER_SALT,
        max_age=365 * 86400,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
        path="/",
    )


@same_origin_post
@post_only
def contribution_support(request, *, page, pk: int):
    """Support (or withdraw it). Without an account a support counts only from a
    browser that holds the supporter cookie, issued by an earlier response: a first
    press is answered by setting it and sending the browser back to the same
    address (307 keeps the POST), so a person notices nothing, while a client that
    keeps no cookies never counts. How many new supporters one network address may
    add to one contribution a day is capped (README: "one person, one support")."""
    contribution = public_contribution(page, pk)
    url = detail_url(page, contribution.pk) + "#support"
    if not is_open_for(page, "supports"):
        return contribution_detail(
            request, page=page, pk=pk, status=403, support_refused=True
        )
    user = request.user if request.user.is_authenticated else None
    token = "" if user else (_supporter_token(request) or "")
    if request.POST.get("withdraw"):
        services.support_withdraw(contribution=contribution, user=user, token=token)
        return redirect(url)
    if user is None and not token:
        if request.GET.get("cookie") == "1":
            # Sent back once and still no cookie: cookies are off for this site.
            return contribution_detail(
                request, page=page, pk=pk, status=400, support_refusal=NO_COOKIE
            )
        response = HttpResponseRedirect(request.path + "?cookie=1", status=307)
        _supporter_cookie(response, request, secrets.token_urlsafe(24))
        return response
    limits = [
        Limit.per_client(request, "contributions.support", settings.SUPPORT_RATE),
        Limit.per_target(
            "contributions.support.network",
            f"{ratelimits.client_address(request)}|{contribution.pk}",
            settings.SUPPORT_PER_ADDRESS_RATE,
            message=SUPPORT_CAPPED,
        ),
    ]
    try:
        carry_out(
            lambda: services.support_add(
                contribution=contribution, user=user, token=token
            ),
            *limits,
            happened=bool,  # supported before: nothing new was counted
            over_limit=SUPPORT_LIMITED,
            failed=SUPPORT_FAILED,
        )
    except NotCarriedOut as refusal:
        return contribution_detail(
            request,
            page=page,
            pk=pk,
            status=refusal.status,
            support_refusal=refusal.message,
        )
    return redirect(url)


@same_origin_post
@post_only
def contribution_subscribe(request, *, page, pk: int):
    contribution = public_contribution(page, pk)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return _detail_again(
            request, page=page, pk=pk, name="subscribe", form=form, status=400
        )
    email = form.cleaned_data["email"].strip().lower()
    try:
        subscription = carry_out(
            lambda: notification_services.subscription_request(
                topic=following.topic(contribution),
                email=email,
                language=get_language(),
                user=request.user,
            ),
            Limit.per_client(
                request, "contributions.subscribe", settings.SUBSCRIBE_RATE
            ),
        )
    except NotCarriedOut as refusal:
        form.add_error(None, refusal.message)
        return _detail_again(
            request,
            page=page,
            pk=pk,
            name="subscribe",
            form=form,
            status=refusal.status,
        )
    # A confirmed address (earlier, or the account's own) gets no mail to confirm.
    said = "confirmed" if subscription.confirmed_at else "1"
    return redirect(
        detail_url(page, contribution.pk) + f"?subscribed={said}#subscribed"
    )
