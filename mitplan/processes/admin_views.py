"""Staff screens that change a process's status. Status is never edited as a plain
field, so every change lands in the public timeline."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.admin import messages

from mitplan.core.i18n import texts_of

from . import services
from .forms import ResumeForm, StatusNoticeForm
from .models import Process, StatusChange
from .notices import notices_for

ACTIONS = {
    "start": (gettext_lazy("Start the process"), StatusNoticeForm, False),
    "pause": (gettext_lazy("Pause the process"), StatusNoticeForm, True),
    "resume": (gettext_lazy("Resume the process"), ResumeForm, False),
    "complete": (gettext_lazy("Complete the process"), StatusNoticeForm, False),
}


def status_change(request, pk: int, action: str):
    if not request.user.has_perm("processes.change_process"):
        raise PermissionDenied
    if action not in ACTIONS:
        raise Http404
    process = get_object_or_404(Process, pk=pk)
    title, form_class, notice_required = ACTIONS[action]
    form = form_class(request.POST or None, notice_required=notice_required)
    shifts = []
    if action == "resume" and process.is_paused:
        days = services.pause_length_days(process)
        shifts = [
            (shift, days) for shift in services.phases_to_shift(process, days=days)
        ]
    if request.method == "POST" and form.is_valid():
        try:
            if action == "start":
                services.process_start(
                    process=process, notice=form.notices(), user=request.user
                )
            elif action == "pause":
                services.process_pause(
                    process=process, notice=form.notices(), user=request.user
                )
            elif action == "resume":
                services.process_resume(
                    process=process,
                    notice=form.notices(),
                    shift_phases=form.cleaned_data["shift_phases"],
                    user=request.user,
                )
            else:
                services.process_complete(
                    process=process, notice=form.notices(), user=request.user
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The status of “%(process)s” was changed.") % {"process": process},
            )
            return redirect(reverse("processes:edit", args=[process.pk]))
    return TemplateResponse(
        request,
        "processes/admin/status_change.html",
        {
            "process": process,
            "form": form,
            "title": title,
            "action": action,
            "shifts": shifts,
            # Resuming ends the pause notice, not the notices staff published as
            # articles: they are listed so staff withdraw what no longer applies.
            "notices": notices_for(process) if action == "resume" else [],
        },
    )


def notice_correct(request, pk: int, change_id: int):
    """Correct the public notice of a published pause, resumption, start or end."""
    if not request.user.has_perm("processes.change_process"):
        raise PermissionDenied
    change = get_object_or_404(StatusChange, pk=change_id, process_id=pk)
    form = StatusNoticeForm.for_change(change, request.POST or None)
    if request.method == "POST" and form.is_valid():
        before = texts_of(change, "notice")
        try:
            services.status_notice_correct(
                change=change, notice=form.notices(), user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The public notice of “%(process)s” was corrected.")
                % {"process": change.process},
            )
            behind = services.notice_translations_left_behind(before, form.notices())
            if behind:
                messages.warning(
                    request,
                    _(
                        "The German text changed, but the notice in %(languages)s "
                        "still says what it said before. Correct those too, or "
                        "empty them so that readers see the German text."
                    )
                    % {
                        "languages": ", ".join(
                            str(get_language_info(code)["name_translated"])
                            for code in behind
                        )
                    },
                )
            return redirect(reverse("processes:edit", args=[pk]))
    return TemplateResponse(
        request,
        "processes/admin/notice_correct.html",
        {
            "process": change.process,
            "change": change,
            "form": form,
            "title": _("Correct the public notice"),
        },
    )
