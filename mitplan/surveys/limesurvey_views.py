"""The staff screen that imports a LimeSurvey survey structure (.lss) into a
process: upload, a check that shows the report and writes nothing, then the import
(limesurvey.import_structure, which checks the permission again and writes).

Between the check and the import the file is kept in the cache for an hour, under
the person's account and the form's one-time key, so that the survey imported is
the file that was checked. The same key marks the form as imported: sending it
again (a reload, a double click) shows the survey already made instead of making a
second one. If the cache lost the file, staff upload it again."""

import re
import secrets

from django import forms
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mitplan.processes.models import Process

from . import rules
from .limesurvey import MAX_BYTES, ImportRefused, import_structure, too_large
from .models import Survey

KEEP_SECONDS = 60 * 60
DONE_SECONDS = 24 * 60 * 60
_KEY = re.compile(r"[A-Za-z0-9_-]{20,64}")


def managed_processes(user):
    """The processes whose surveys `user` may manage."""
    return Process.objects.filter(
        pk__in=[
            process.pk
            for process in Process.objects.all()
            if rules.holds("surveys.manage", user, process)
        ]
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("LimeSurvey survey structure (.lss)"),
        help_text=gettext_lazy(
            "In LimeSurvey: Export → Survey structure (.lss). At most 20 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".lss,.xml"}),
    )
    process = forms.ModelChoiceField(
        label=gettext_lazy("Process"), queryset=Process.objects.none()
    )
    check_only = forms.BooleanField(
        label=gettext_lazy("Check only: show what the import would do, write nothing"),
        required=False,
        initial=True,
    )
    key = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["process"].queryset = managed_processes(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(too_large().messages, code="too_large")
        return upload

    def clean_key(self):
        return _clean_key(self.cleaned_data["key"])


class ConfirmForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)

    def clean_key(self):
        return _clean_key(self.cleaned_data["key"])


def _clean_key(value: str) -> str:
    if not _KEY.fullmatch(value or ""):
        raise forms.ValidationError(
            _("This form has expired. Please load the page again."), code="key"
        )
    return value


def _cache_key(request, what: str, key: str) -> str:
    return f"surveys:limesurvey:{what}:{request.user.pk}:{key}"


class _AlreadyImported(Exception):
    def __init__(self, survey_id):
        super().__init__(survey_id)
        self.survey_id = survey_id


def _import(request, data: bytes, process, key: str):
    """Import once per form key (ImportRefused, _AlreadyImported)."""
    done = _cache_key(request, "done", key)
    # 0 marks an import under way; a cache that cannot be reached fails open (a
    # second survey is a nuisance staff can delete, a refused import is not).
    if not cache.add(done, 0, DONE_SECONDS):
        survey_id = cache.get(done)
        if survey_id is not None:
            raise _AlreadyImported(survey_id)
    try:
        report = import_structure(data, process=process, actor=request.user)
    except BaseException:
        cache.delete(done)
        raise
    cache.set(done, report.survey_id, DONE_SECONDS)
    cache.delete(_cache_key(request, "upload", key))
    return report


def limesurvey_import(request):
    if not managed_processes(request.user).exists():
        raise PermissionDenied
    context = {
        "report": None,
        "confirm": None,
        "survey": None,
        "already": None,
        "errors": [],
    }
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, context)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={"key": secrets.token_urlsafe(24)},
    )
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["key"]
        process = form.cleaned_data["process"]
        data = form.cleaned_data["file"].read(MAX_BYTES + 1)
        try:
            if form.cleaned_data["check_only"]:
                context["report"] = import_structure(
                    data, process=process, dry_run=True, actor=request.user
                )
                cache.set(
                    _cache_key(request, "upload", key),
                    {"data": data, "process": process.pk},
                    KEEP_SECONDS,
                )
                context["confirm"] = ConfirmForm(initial={"key": key})
            else:
                context["report"] = _import(request, data, process, key)
        except ImportRefused as refusal:
            form.add_error("file", refusal)
        except _AlreadyImported as already:
            _say_already(context, already.survey_id)
    return _render(request, form, context)


def _confirm(request, context):
    """Import the file checked before (kept in the cache under the form's key)."""
    confirm = ConfirmForm(request.POST)
    form = ImportForm(user=request.user, initial={"key": secrets.token_urlsafe(24)})
    if not confirm.is_valid():
        context["errors"] = confirm.errors["key"]
        return _render(request, form, context)
    key = confirm.cleaned_data["key"]
    upload = cache.get(_cache_key(request, "upload", key))
    done = cache.get(_cache_key(request, "done", key))
    if done:
        _say_already(context, done)
        return _render(request, form, context)
    process = (
        managed_processes(request.user).filter(pk=upload["process"]).first()
        if upload
        else None
    )
    if process is None:
        context["errors"] = [
            _(
                "The checked file is no longer kept (after an hour, or the server "
                "restarted). Please upload it again."
            )
        ]
        return _render(request, form, context)
    try:
        context["report"] = _import(request, upload["data"], process, key)
    except ImportRefused as refusal:
        context["errors"] = refusal.messages
    except _AlreadyImported as already:
        _say_already(context, already.survey_id)
    return _render(request, form, context)


def _say_already(context, survey_id):
    """The form was sent before: name the survey it made, or say it is on its
    way (0: the first request is still importing)."""
    context["already"] = _survey_link(survey_id) if survey_id else None
    if context["already"] is None:
        context["errors"] = [
            _(
                "This form was sent already and its file is being imported. Please "
                "look for the new survey in the list of surveys in a moment."
            )
        ]


def _survey_link(survey_id):
    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is None:
        return None
    try:
        url = reverse("surveys:edit", args=[survey.pk])
    except NoReverseMatch:  # pragma: no cover - the survey screens are registered
        url = ""
    return {"survey": survey, "url": url}


def _render(request, form, context):
    report = context["report"]
    if (report is not None and not report.dry_run) or context["already"]:
        if report is not None:
            context["survey"] = _survey_link(report.survey_id)
        # A new form for the next file; this one's key is used up.
        form = ImportForm(user=request.user, initial={"key": secrets.token_urlsafe(24)})
    return TemplateResponse(
        request,
        "surveys/admin/limesurvey_import.html",
        {"form": form, **context},
    )


URLS = [
    path(
        "participation/surveys/import-limesurvey/",
        limesurvey_import,
        name="surveys_limesurvey_import",
    ),
]
