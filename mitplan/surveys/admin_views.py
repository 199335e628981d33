"""Staff screens of a survey besides its edit form: the live monitor, closing it,
access codes, paper questionnaires and quotes. Each checks the permission through
the services (rules.py) and writes through them."""

import csv

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from mitplan.core.exports import neutralise
from mitplan.core.parsing import parse_int
from mitplan.processes.portal import url_below_portal

from . import rules, selectors, services
from .answers import AnswersRefused, Definition
from .forms import PageForm
from .models import AccessCode, Question, Quote, Response, Survey


def _survey_for(request, pk: int, permission: str = "surveys.manage") -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("process"), pk=pk)
    if not rules.holds(permission, request.user, survey.process):
        raise PermissionDenied
    return survey


def _edit_url(survey) -> str:
    return reverse("surveys:edit", args=[survey.pk])


def monitor(request, pk: int):
    survey = _survey_for(request, pk, "surveys.read_responses")
    return TemplateResponse(
        request,
        "surveys/admin/monitor.html",
        {
            "survey": survey,
            "monitor": selectors.survey_monitor(survey),
            "edit_url": _edit_url(survey),
        },
    )


def close(request, pk: int):
    survey = _survey_for(request, pk)
    if request.method == "POST":
        services.survey_close(survey=survey, actor=request.user)
        messages.success(
            request, _("The survey is closed; its final results are published.")
        )
        return redirect(_edit_url(survey))
    return TemplateResponse(
        request,
        "surveys/admin/close.html",
        {"survey": survey, "edit_url": _edit_url(survey)},
    )


class CodesForm(forms.Form):
    count = forms.IntegerField(
        label=gettext_lazy("How many codes"), min_value=1, max_value=5000
    )
    group = forms.CharField(
        label=gettext_lazy("Invited group"),
        max_length=100,
        required=False,
        help_text=gettext_lazy(
            "e.g. “Advisory council for migration”: printed on the sheet."
        ),
    )


def codes(request, pk: int):
    survey = _survey_for(request, pk)
    form = CodesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.access_codes_create(
                survey=survey,
                count=form.cleaned_data["count"],
                group=form.cleaned_data["group"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("%(count)d codes created.") % {"count": len(made)}
            )
            return redirect(reverse("surveys_codes", args=[survey.pk]))
    all_codes = AccessCode.objects.filter(survey=survey)
    return TemplateResponse(
        request,
        "surveys/admin/codes.html",
        {
            "survey": survey,
            "form": form,
            "codes": all_codes[:2000],
            "code_count": all_codes.count(),
            "used_count": all_codes.exclude(used_at=None).count(),
            "edit_url": _edit_url(survey),
        },
    )


def codes_sheet(request, pk: int):
    """A printable sheet: one code per slip, with where to answer."""
    survey = _survey_for(request, pk)
    return TemplateResponse(
        request,
        "surveys/admin/codes_sheet.html",
        {
            "survey": survey,
            "codes": AccessCode.objects.filter(survey=survey, used_at=None),
            "address": request.build_absolute_uri(
                url_below_portal(survey.process, "survey_detail", survey.slug) or "/"
            ),
        },
    )


def codes_csv(request, pk: int):
    survey = _survey_for(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{survey.slug}-codes.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 only with the mark
    writer = csv.writer(response)
    writer.writerow([_("code"), _("invited group"), _("used at")])
    for code in AccessCode.objects.filter(survey=survey).iterator():
        writer.writerow(
            [
                code.code,
                neutralise(code.group),
                code.used_at.isoformat() if code.used_at else "",
            ]
        )
    return response


class PaperForm(PageForm):
    source = forms.ChoiceField(
        label=gettext_lazy("Collected"),
        choices=[c for c in Response.Source.choices if c[0] != Response.Source.ONLINE],
    )
    source_note = forms.CharField(
        label=gettext_lazy("Where"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "e.g. “Neighbourhood festival, stand of the integration office”"
        ),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language of the questionnaire"))


def paper(request, pk: int):
    """One paper questionnaire, typed in by staff through the residents' questions
    (all pages on one screen; conditions are checked when saving)."""
    survey = _survey_for(request, pk, "surveys.enter_paper")
    definition = Definition.of(survey)
    form = PaperForm(request.POST or None, questions=definition.questions)
    form.fields["language"].choices = [
        (code, name) for code, name in settings.LANGUAGES if code in survey.languages()
    ]
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(
                survey=survey,
                answers=form.answers,
                language=form.cleaned_data["language"],
                source=form.cleaned_data["source"],
                source_note=form.cleaned_data["source_note"],
                entered_by=request.user,
            )
        except AnswersRefused as refused:
            problems = [
                f"{code or _('Survey')}: {message}"
                for code, message in refused.errors.items()
            ]
        except ValidationError as error:
            problems = error.messages
        else:
            messages.success(request, _("The questionnaire was saved. Next one:"))
            return redirect(reverse("surveys_paper", args=[survey.pk]))
    return TemplateResponse(
        request,
        "surveys/admin/paper.html",
        {
            "survey": survey,
            "form": form,
            "problems": problems,
            "paper_count": Response.objects.filter(survey=survey)
            .exclude(source=Response.Source.ONLINE)
            .count(),
            "edit_url": _edit_url(survey),
        },
    )


def quotes(request, pk: int):
    """Free-text answers to read, and the ones picked to show with the results."""
    survey = _survey_for(request, pk)
    text_questions = [q for q in Question.objects.filter(survey=survey) if q.is_text]
    question = next(
        (q for q in text_questions if str(q.pk) == request.GET.get("question")),
        text_questions[0] if text_questions else None,
    )
    if request.method == "POST" and question is not None:
        if "withdraw" in request.POST:
            quote = get_object_or_404(
                Quote, pk=parse_int(request.POST["withdraw"]) or 0, question=question
            )
            services.quote_withdraw(quote=quote, actor=request.user)
        else:
            response = get_object_or_404(
                Response, pk=parse_int(request.POST.get("response")) or 0, survey=survey
            )
            try:
                services.quote_pick(
                    response=response, question=question, actor=request.user
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        return redirect(
            f"{reverse('surveys_quotes', args=[survey.pk])}?question={question.pk}"
        )
    answers = []
    picked = {}
    if question is not None:
        picked = {q.response_id: q for q in Quote.objects.filter(question=question)}
        answers = [
            (pk_, text, picked.get(pk_))
            for pk_, text in Response.objects.filter(survey=survey)
            .filter(**{f"answers__{question.code}__isnull": False})
            .order_by("-pk")
            .values_list("pk", f"answers__{question.code}")[:500]
            if isinstance(text, str) and text
        ]
    return TemplateResponse(
        request,
        "surveys/admin/quotes.html",
        {
            "survey": survey,
            "questions": text_questions,
            "question": question,
            "answers": answers,
            "edit_url": _edit_url(survey),
        },
    )


URLS = [
    path("monitor/", monitor, name="surveys_monitor"),
    path("close/", close, name="surveys_close"),
    path("codes/", codes, name="surveys_codes"),
    path("codes/sheet/", codes_sheet, name="surveys_codes_sheet"),
    path("codes/csv/", codes_csv, name="surveys_codes_csv"),
    path("paper/", paper, name="surveys_paper"),
    path("quotes/", quotes, name="surveys_quotes"),
]
