"""Public pages of surveys, routed below a process portal: the list, a survey's
first page, its pages of questions, the review step, the thanks page and the
results (with their live fragment and SVG charts).

A person who starts a survey gets a cookie with a random token (signed; the
privacy text says so); the draft and the response keep only a keyed digest of it.
Every step works without JavaScript: a page is sent, the server keeps its answers
and shows the next page the conditions allow."""

from dataclasses import replace

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import DatabaseError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from mitplan.core import ratelimits
from mitplan.core.chart_png import ChartPngUnavailable, chart_png
from mitplan.core.charts import chart_svg
from mitplan.core.exports import attachment_header
from mitplan.core.origin import same_origin_post
from mitplan.core.parsing import parse_int, parse_slug
from mitplan.core.ratelimits import Limit
from mitplan.core.sending import NotCarriedOut, carry_out
from mitplan.core.submissions import Saved, new_submission_key, signed_key
from mitplan.processes.portal import page_context

from . import rules, selectors, services
from .answers import DONT_KNOW, OTHER, AnswersRefused, Definition
from .forms import AccessCodeForm, PageForm, SendForm
from .models import Response, Survey

COOKIE_SALT = "mitplan.surveys.respondent"
COOKIE_DAYS = 90


def cookie_name(request, survey) -> str:
    name = f"mitplan_survey_{survey.pk}"
    return f"__Host-{name}" if request.is_secure() else name


def respondent(request, survey) -> dict | None:
    """What the survey's cookie says: {"t": token, "c": access code id or None}."""
    raw = request.COOKIES.get(cookie_name(request, survey))
    if not raw:
        return None
    try:
        value = signing.loads(raw, salt=COOKIE_SALT, max_age=COOKIE_DAYS * 86400)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("t"), str):
        return None
    return value


def _set_respondent(request, response, survey, value: dict) -> None:
    response.set_cookie(
        cookie_name(request, survey),
        signing.dumps(value, salt=COOKIE_SALT),
        max_age=COOKIE_DAYS * 86400,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def survey_or_404(page, slug) -> Survey:
    survey = selectors.survey_of(page.process, parse_slug(slug) or "")
    if survey is None or not survey.has_opened():
        raise Http404
    return survey


def url_of(page, name: str, *args) -> str:
    return page.url + page.reverse_subpage(name, args=list(args))


def breadcrumbs(page, survey, *extra):
    return [
        (page.reverse_subpage("survey_list"), _("Surveys")),
        (page.reverse_subpage("survey_detail", args=[survey.slug]), survey.title),
        *extra,
    ]


def _who(request, survey):
    """(respondent key, access code, already answered) for this request."""
    value = respondent(request, survey)
    key = services.respondent_key(value["t"]) if value else ""
    code = None
    if value and value.get("c") and survey.audience == Survey.Audience.ACCESS_CODE:
        code = survey.access_codes.filter(pk=parse_int(value["c"]) or 0).first()
    account = request.user if request.user.is_authenticated else None
    answered = False
    if survey.audience == Survey.Audience.ACCESS_CODE:
        answered = code is not None and code.used_at is not None
    elif survey.audience == Survey.Audience.SIGNED_IN:
        answered = account is not None and services.has_answered(
            survey, account=account
        )
    else:
        answered = services.has_answered(survey, key=key)
    return key, code, answered


def survey_list(request, *, page):
    context = page_context(request, page)
    surveys = selectors.process_surveys(context["process"])
    for survey in surveys:
        survey.closed_reason = rules.closed_reason(survey)
    context.update(surveys=surveys, breadcrumbs_extra=[(None, _("Surveys"))])
    return TemplateResponse(request, "surveys/survey_list.html", context)


def _resume_url(page, survey, value) -> str:
    """Where a person starting (again) goes on: the page after the last one they
    answered, or the review once every page was answered."""
    draft = services.draft_of(survey, services.respondent_key(value["t"]))
    if draft is None or not draft.answers:
        return url_of(page, "survey_page", survey.slug, 1)
    definition = Definition.of(survey)
    shown = definition.shown_pages(draft.answers)
    answered = [q.page for q in definition.questions if q.code in draft.answers]
    later = [p for p in shown if p > max(answered, default=0)]
    if later:
        return url_of(page, "survey_page", survey.slug, later[0])
    return url_of(page, "survey_review", survey.slug)


@never_cache
@same_origin_post
def survey_detail(request, *, page, slug):
    """The survey's first page: what it is about, privacy, and the start."""
    survey = survey_or_404(page, slug)
    context = page_context(request, page)
    key, code, answered = _who(request, survey)
    reason = rules.closed_reason(survey)
    code_form = AccessCodeForm()
    status = 200
    if request.method == "POST":
        if (
            reason
            or survey.audience == Survey.Audience.SIGNED_IN
            and not (request.user.is_authenticated)
        ):
            status = 403
        else:
            value = respondent(request, survey) or {"t": services.new_token()}
            if survey.audience == Survey.Audience.ACCESS_CODE:
                code_form = AccessCodeForm(request.POST)
                found = None
                if code_form.is_valid():
                    found = services.access_code_find(
                        survey, code_form.cleaned_data["code"]
                    )
                    if found is None:
                        code_form.add_error(
                            "code", _("We do not know this code. Please check it.")
                        )
                    elif found.used_at is not None:
                        code_form.add_error(
                            "code", _("This access code has been used already.")
                        )
                if found is None or found.used_at is not None:
                    status = 400
                else:
                    value["c"] = found.pk
            if status == 200:
                answer = redirect(_resume_url(page, survey, value) + "#main")
                _set_respondent(request, answer, survey, value)
                return answer
    draft = services.draft_of(survey, key) if key else None
    context.update(
        survey=survey,
        closed_reason=reason,
        answered=answered,
        draft=draft,
        code_form=code_form,
        results_url=url_of(page, "survey_results", survey.slug),
        breadcrumbs_extra=[
            (page.reverse_subpage("survey_list"), _("Surveys")),
            (None, survey.title),
        ],
    )
    return TemplateResponse(
        request, "surveys/survey_detail.html", context, status=status
    )


def _started(request, page, survey):
    """The respondent's key and code, or a redirect to the first page."""
    value = respondent(request, survey)
    if value is None:
        return None, None, redirect(url_of(page, "survey_detail", survey.slug))
    key, code, answered = _who(request, survey)
    if answered:
        # A form sent again after the response was stored (a double click, a
        # resend) is told what happened: received.
        target = "survey_thanks" if request.method == "POST" else "survey_detail"
        return None, None, redirect(url_of(page, target, survey.slug))
    if survey.audience == Survey.Audience.ACCESS_CODE and code is None:
        return None, None, redirect(url_of(page, "survey_detail", survey.slug))
    return key, code, None


@never_cache
@same_origin_post
def survey_page(request, *, page, slug, number):
    survey = survey_or_404(page, slug)
    key, code, away = _started(request, page, survey)
    if away:
        return away
    definition = Definition.of(survey)
    draft = services.draft_of(survey, key)
    given = draft.answers if draft else {}
    shown_pages = definition.shown_pages(given)
    if number not in definition.pages:
        raise Http404
    if number not in shown_pages:
        # A page the earlier answers skip (an old link, "back" after a change).
        later = [p for p in shown_pages if p > number]
        return redirect(
            url_of(page, "survey_page", survey.slug, later[0])
            if later
            else url_of(page, "survey_review", survey.slug)
        )
    earlier_answers = {
        k: v
        for k, v in definition.shown_answers(given).items()
        if k in definition.by_code and definition.by_code[k].page < number
    }
    questions = [
        q for q in definition.on_page(number) if definition.is_shown(q, earlier_answers)
    ]
    reason = rules.closed_reason(survey)
    status = 200
    if request.method == "POST":
        form = PageForm(request.POST, questions=questions)
        if reason:
            form.is_valid()
            form.add_error(None, reason)
            status = 403
        elif form.is_valid():
            services.draft_save(
                survey=survey,
                key=key,
                page_answers=form.answers,
                page_codes=[q.code for q in definition.on_page(number)],
                language=get_language(),
                access_code=code,
            )
            merged = {**earlier_answers, **form.answers}
            if request.POST.get("go") == "back":
                before = [p for p in definition.shown_pages(merged) if p < number]
                target = (
                    url_of(page, "survey_page", survey.slug, before[-1])
                    if before
                    else url_of(page, "survey_detail", survey.slug)
                )
            else:
                after = [p for p in definition.shown_pages(merged) if p > number]
                target = (
                    url_of(page, "survey_page", survey.slug, after[0])
                    if after
                    else url_of(page, "survey_review", survey.slug)
                )
            return HttpResponseRedirect(target + "#main")
        else:
            status = 400
    else:
        form = PageForm(questions=questions, initial_answers=given)
    context = page_context(request, page)
    position = shown_pages.index(number) + 1
    context.update(
        survey=survey,
        form=form,
        number=number,
        position=position,
        # The review step counts as one more.
        steps=len(shown_pages) + 1,
        closed_reason=reason,
        breadcrumbs_extra=breadcrumbs(page, survey, (None, _("Questions"))),
    )
    return TemplateResponse(request, "surveys/survey_page.html", context, status=status)


def _review_rows(definition, answers):
    """(page, question, answer as text) for every question shown."""
    shown = definition.shown_answers(answers)
    others = answers.get(OTHER) or {}
    rows = []
    for question in definition.questions:
        if not definition.is_shown(question, shown):
            continue
        value = shown.get(question.code)
        labels = {c.code: c.label for c in question.options()}
        items = {c.code: c.label for c in question.items()}
        if value in (None, "", [], {}):
            text = [_("not answered")]
        elif question.kind == "multiple":
            text = [labels.get(v, others.get(question.code, "")) for v in value]
        elif question.kind == "ranking":
            text = [f"{n}. {labels.get(v, v)}" for n, v in enumerate(value, start=1)]
        elif question.kind == "matrix":
            text = [f"{items.get(k, k)}: {labels.get(v, v)}" for k, v in value.items()]
        elif value == OTHER:
            text = [others.get(question.code, "")]
        elif value == DONT_KNOW:
            text = [_("Don't know")]
        elif question.kind == "single":
            text = [labels.get(value, value)]
        elif question.kind == "number" and question.unit:
            text = [f"{value} {question.unit}"]
        else:
            text = [str(value)]
        rows.append((question.page, question, text))
    return rows


@never_cache
@same_origin_post
def survey_review(request, *, page, slug):
    survey = survey_or_404(page, slug)
    key, code, away = _started(request, page, survey)
    if away:
        return away
    definition = Definition.of(survey)
    draft = services.draft_of(survey, key)
    given = draft.answers if draft else {}
    status = 200
    errors = {}
    limits = [Limit.per_client(request, "surveys.send", settings.SURVEY_RATE)]
    if request.method == "POST":
        # Over the limit, a sender can still send after a short proof of work; a
        # resend of what was stored is answered as such, never asked for proof.
        submission = signed_key(request.POST.get("submission"))
        over_limit = ratelimits.used_up(*limits) and not _stored(submission)
        form = SendForm(request.POST, require_proof=over_limit)
        if form.is_valid():
            # What the review shows is sent: answers to questions a later change
            # skipped (a page left behind by a new answer on an earlier one) stay
            # in the draft, but they were not asked.
            shown = _shown_answers(definition, given)
            done, status, errors = _send(
                request,
                page,
                survey,
                key,
                code,
                form,
                shown,
                definition,
                limits=limits,
                proved=over_limit,
            )
            if done is not None:
                return done
        else:
            status = 429 if over_limit else 400
    else:
        form = SendForm(initial={"submission": new_submission_key()})
    context = page_context(request, page)
    shown_pages = definition.shown_pages(given)
    context.update(
        survey=survey,
        form=form,
        rows=_review_rows(definition, given),
        errors=errors,
        general_error=errors.get(""),
        question_errors=[
            (definition.by_code[c], m)
            for c, m in errors.items()
            if c in definition.by_code
        ],
        position=len(shown_pages) + 1,
        steps=len(shown_pages) + 1,
        last_page=shown_pages[-1] if shown_pages else 1,
        closed_reason=rules.closed_reason(survey),
        breadcrumbs_extra=breadcrumbs(page, survey, (None, _("Check and send"))),
    )
    return TemplateResponse(
        request, "surveys/survey_review.html", context, status=status
    )


def _shown_answers(definition, answers: dict) -> dict:
    shown = definition.shown_answers(answers)
    others = {
        code: text for code, text in (answers.get(OTHER) or {}).items() if code in shown
    }
    return {**shown, OTHER: others} if others else shown


def _stored(submission: str | None) -> bool:
    """Whether a response was stored under this form's key (a resend, a twin);
    False when the database cannot say."""
    if not submission:
        return False
    try:
        return Response.objects.filter(submission_key=submission).exists()
    except DatabaseError:
        return False


def _send(
    request, page, survey, key, code, form, answers, definition, *, limits, proved
):
    """Store the response or say why not. Returns (redirect or None, status,
    {question code or "": message}); the form is the one to show again."""
    submission = form.cleaned_data["submission"]

    def store():
        return services.response_submit(
            survey=survey,
            answers=answers,
            language=get_language(),
            key=key,
            account=request.user if request.user.is_authenticated else None,
            access_code=code,
            submission_key=submission,
            definition=definition,
        )

    def stored_before():
        return _stored(submission)

    thanks = redirect(url_of(page, "survey_thanks", survey.slug) + "#main")
    try:
        _response, saved = carry_out(
            store,
            *limits,
            proved=proved,
            happened=lambda result: result[1] is Saved.CREATED,
            stored_before=stored_before,
        )
    except (AnswersRefused, NotCarriedOut) as refusal:
        # A copy of a form whose twin stored it meanwhile (a double click near
        # the limit, the draft already emptied): it was received; say so.
        if stored_before():
            return thanks, 302, {}
        if isinstance(refusal, AnswersRefused):
            return None, 400, refusal.errors
        if refusal.status == 429 and not proved:
            # Used up just now: ask for the proof of work, as a next try would.
            form.fields.update(SendForm(require_proof=True).fields)
            form.require_proof = True
        form.add_error(None, refusal.message)
        return None, refusal.status, {}
    if saved is Saved.CONFLICT:
        form.add_error(None, _("This form had already been sent. Please send again."))
        form.data = form.data.copy()
        form.data["submission"] = new_submission_key()
        return None, 409, {}
    return thanks, 302, {}


def survey_thanks(request, *, page, slug):
    survey = survey_or_404(page, slug)
    _key, _code, answered = _who(request, survey)
    if not answered:
        return redirect(url_of(page, "survey_detail", survey.slug))
    context = page_context(request, page)
    context.update(
        survey=survey,
        results_url=url_of(page, "survey_results", survey.slug),
        follow_url=url_of(page, "survey_follow", survey.slug),
        breadcrumbs_extra=breadcrumbs(page, survey, (None, _("Thank you"))),
    )
    response = TemplateResponse(request, "surveys/survey_thanks.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


def _result_options(request, survey, breakdowns):
    breakdown = request.GET.get("by", "")
    if breakdown not in dict(breakdowns):
        breakdown = ""
    source = request.GET.get("source", "")
    if source not in Response.Source.values or not survey.shows_sources_apart:
        source = ""
    return {"breakdown": breakdown, "source": source}


def _captioned(results):
    """The results as the page shows them: a chart's caption says what the
    question's heading above it does not (who answered, a breakdown's group)
    instead of repeating the question to screen readers. A matrix's charts are
    captioned by their lines already."""
    shown = []
    for result in results.questions:
        heading = result.question.text
        said = ngettext(
            "Answered by %(count)d person.",
            "Answered by %(count)d people.",
            result.respondents,
        ) % {"count": result.respondents}
        if result.median:
            said += " " + _("Median: %(median)s.") % {"median": result.median}
        groups = []
        for group in result.groups:
            people = ngettext(
                "%(counter)s person", "%(counter)s people", group.respondents
            ) % {"counter": group.respondents}
            named = f"{group.label} ({people})"
            groups.append(
                replace(
                    group,
                    charts=[
                        replace(
                            chart,
                            title=named
                            if chart.title == heading
                            else f"{named} – {chart.title}",
                        )
                        for chart in group.charts
                    ],
                )
            )
        result = replace(
            result,
            charts=[
                replace(chart, title=said) if chart.title == heading else chart
                for chart in result.charts
            ],
            groups=groups,
        )
        shown.append(result)
    return replace(results, questions=shown)


def _results_context(request, page, survey):
    results = None
    breakdowns = []
    options = _result_options(request, survey, breakdowns)
    if survey.are_results_public or survey.final_results is not None:
        services.results_freeze(survey)  # closed by its date: freeze on first read
        overall = selectors.cached_results(survey, **options)
        # The published questions are in the cached results: what the results
        # can be broken down by needs no query of its own.
        breakdowns = selectors.breakdown_choices(
            survey, Definition(survey, [r.question for r in overall.questions])
        )
        options = _result_options(request, survey, breakdowns)
        results = selectors.cached_results(survey, **options)
        results = _captioned(results)
    return {
        "survey": survey,
        "results": results,
        "breakdowns": breakdowns,
        "sources": Response.Source.choices
        if survey.shows_sources_apart and results
        else [],
        "options": options,
        "is_live": selectors.is_live(survey),
        "live_url": url_of(page, "survey_results_live", survey.slug),
        "results_url": url_of(page, "survey_results", survey.slug),
        "follow_url": url_of(page, "survey_follow", survey.slug),
        "page": page,
    }


def _results_html(request, page, survey, context) -> str:
    """The results rendered, from the cache while nothing changed (the key of
    selectors.cached_results, and the page and whether it is live)."""
    key = selectors.results_key(
        "html", survey, context["options"], page.pk, context["is_live"]
    )
    html = cache.get(key)
    if html is None:
        html = render_to_string("surveys/includes/results.html", context, request)
        cache.set(key, html, selectors.CACHE_SECONDS)
    return html


def survey_results(request, *, page, slug):
    survey = survey_or_404(page, slug)
    context = page_context(request, page)
    context.update(_results_context(request, page, survey))
    context["results_html"] = _results_html(request, page, survey, context)
    context["results_version"] = selectors.results_version(survey)
    context["breadcrumbs_extra"] = breadcrumbs(page, survey, (None, _("Results")))
    return TemplateResponse(request, "surveys/survey_results.html", context)


def survey_results_live(request, *, page, slug):
    """The results alone, for the page to poll while the survey is open: nothing
    (204) while they are the version the page shows."""
    survey = survey_or_404(page, slug)
    version = selectors.results_version(survey)
    if request.GET.get("seen") == version:
        return HttpResponse(status=204)
    context = _results_context(request, page, survey)
    context["results_html"] = _results_html(request, page, survey, context)
    context["results_version"] = version
    return TemplateResponse(request, "surveys/includes/live_results.html", context)


def survey_chart_download(request, *, page, slug, code, fmt):
    """One question's chart as an SVG or PNG file, for press and council papers."""
    survey = survey_or_404(page, slug)
    if fmt not in ("svg", "png") or not (
        survey.are_results_public or survey.final_results is not None
    ):
        raise Http404
    # "contact-2": the second chart of a matrix (codes hold no "-").
    base, _sep, part = code.partition("-")
    number = parse_int(part) if part else 1
    results = selectors.cached_results(survey, breakdown="", source="")
    found = next(
        (r for r in results.questions if r.question.code == base and r.charts), None
    )
    if found is None or not number or not 1 <= number <= len(found.charts):
        raise Http404
    chart = found.charts[number - 1]
    answered = chart.total if len(found.charts) > 1 else found.respondents
    total = ngettext(
        "Answered by %(count)d person.",
        "Answered by %(count)d people.",
        answered,
    ) % {"count": answered}
    if len(found.charts) > 1:  # a matrix: the question above its line's chart
        total = f"{found.question.text} – {total}"
    rtl = get_language() in settings.LANGUAGES_BIDI
    caption = f"{survey.title} – {total}"
    if fmt == "svg":
        response = HttpResponse(
            chart_svg(chart, rtl=rtl, caption=caption),
            content_type="image/svg+xml; charset=utf-8",
        )
    else:
        try:
            png = chart_png(chart, rtl=rtl, caption=caption)
        except ChartPngUnavailable:
            return HttpResponse(
                _("The chart cannot be drawn as an image right now; please use SVG."),
                status=503,
                content_type="text/plain; charset=utf-8",
            )
        response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = attachment_header(
        f"{survey.slug}-{code}", suffix=f".{fmt}"
    )
    return response
