"""A resident's own data: download it, or delete the account (GDPR Art. 15, 17, 20).
The pages live under /konto/ beside django-allauth's."""

import json

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from . import services
from .forms import AccountDeleteForm


@login_required
@require_GET
def data_download(request):
    data = services.personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mitplan-data-{day}.json"'
    return response


@login_required
def account_delete(request):
    # Signed in, the resident has a session cookie anyway: Django's CSRF token guards
    # this one, as it guards the other account pages.
    if request.user.is_staff or request.user.is_superuser:
        return TemplateResponse(
            request, "accounts/delete.html", {"staff": True}, status=403
        )
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            services.account_delete(request.user)
            logout(request)
            return redirect("accounts:deleted")
        return TemplateResponse(
            request, "accounts/delete.html", {"form": form}, status=400
        )
    return TemplateResponse(request, "accounts/delete.html", {"form": form})


def account_deleted(request):
    return TemplateResponse(request, "accounts/deleted.html", {})
