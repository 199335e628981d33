"""Staff downloads of a survey: its responses (CSV, XLSX, SPSS, and the codebook)
for the statisticians, and its definition (JSON) to reuse it in another process,
with the import of such a definition. Mounted at the admin's root
(wagtail_hooks.register_admin_urls)."""

import logging

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.log_actions import log

from mitplan.core.audit import acting_account
from mitplan.core.exports import attachment_header
from mitplan.processes.models import Process

from . import definition, exports, rules
from .models import Survey

logger = logging.getLogger(__name__)

LOG_EXPORTED = "mitplan.survey.exported"


def _survey_for(request, pk: int, permission: str) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("process"), pk=pk)
    if not rules.holds(permission, request.user, survey.process):
        raise PermissionDenied
    return survey


def export(request, pk: int, fmt: str):
    """The responses as a file, built completely before the download starts; a
    page saying it failed otherwise (exports.py explains why)."""
    if fmt not in exports.FORMATS:
        raise Http404
    survey = _survey_for(request, pk, "surveys.read_responses")
    try:
        made = exports.survey_export(
            survey, fmt, language=get_language(), actor=request.user
        )
    except exports.ExportFailed:
        logger.exception("Export %s of survey %s failed", fmt, survey.pk)
        return TemplateResponse(
            request,
            "surveys/admin/export_failed.html",
            {
                "survey": survey,
                "page_title": _("The export failed"),
                "header_icon": "warning",
                "retry_url": reverse("surveys_export", args=[survey.pk, fmt]),
                "edit_url": reverse("surveys:edit", args=[survey.pk]),
            },
            status=500,
        )
    log(
        survey,
        LOG_EXPORTED,
        user=acting_account(request.user),
        data={"format": fmt, "rows": made.rows},
    )
    response = FileResponse(made.file, content_type=made.content_type)
    response["Content-Disposition"] = attachment_header(
        made.filename, suffix=exports.SUFFIXES[fmt]
    )
    response["Cache-Control"] = "no-store"
    return response


def definition_export(request, pk: int):
    survey = _survey_for(request, pk, "surveys.manage")
    data = definition.definition_dumps(survey, actor=request.user)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = attachment_header(
        f"{survey.slug}-questions", suffix=".json"
    )
    return response


class ImportForm(forms.Form):
    process = forms.ModelChoiceField(
        label=gettext_lazy("Process"), queryset=Process.objects.none()
    )
    file = forms.FileField(
        label=gettext_lazy("Survey definition (JSON)"),
        help_text=gettext_lazy(
            "A file from “Export the questions (JSON)” of a survey, at most 2 MB."
        ),
    )
    opens_at = forms.DateTimeField(
        label=gettext_lazy("Opens at"), widget=AdminDateTimeInput
    )
    closes_at = forms.DateTimeField(
        label=gettext_lazy("Closes at"), widget=AdminDateTimeInput
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        manageable = [p.pk for p in Process.objects.all() if rules.can_manage(user, p)]
        self.fields["process"].queryset = Process.objects.filter(pk__in=manageable)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > definition.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.")
                % {"size": definition.MAX_BYTES // 2**20}
            )
        # One byte more than allowed: definition_read refuses it, whatever the
        # upload claimed its size was.
        return upload.read(definition.MAX_BYTES + 1)

    def clean(self):
        cleaned = super().clean()
        opens_at, closes_at = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("A survey closes after it opens."))
        return cleaned


def definition_import(request):
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if not form.fields["process"].queryset.exists():
        raise PermissionDenied
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            survey = definition.definition_import(
                raw=form.cleaned_data["file"],
                process=form.cleaned_data["process"],
                opens_at=form.cleaned_data["opens_at"],
                closes_at=form.cleaned_data["closes_at"],
                actor=request.user,
            )
        except definition.DefinitionRefused as refused:
            problems = refused.messages
            messages.error(request, _("The survey was not imported."))
        else:
            messages.success(
                request,
                _("The survey “%(title)s” was imported. Check it before it opens.")
                % {"title": survey.title},
            )
            return redirect(reverse("surveys:edit", args=[survey.pk]))
    return TemplateResponse(
        request,
        "surveys/admin/definition_import.html",
        {
            "form": form,
            "problems": problems,
            "page_title": _("Import a survey definition"),
            "header_icon": "upload",
            "index_url": reverse("surveys:index"),
        },
    )


URLS = [
    path(
        "participation/surveys/<int:pk>/export/<str:fmt>/",
        export,
        name="surveys_export",
    ),
    path(
        "participation/surveys/<int:pk>/definition/",
        definition_export,
        name="surveys_definition_export",
    ),
    path(
        "participation/surveys/import/",
        definition_import,
        name="surveys_definition_import",
    ),
]
