"""Error pages in the reader's language, and the health check for load balancers."""

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _


def health(request):
    """200 when the app can reach its database; what a load balancer polls."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _error(request, status: int, title, text):
    try:
        response = TemplateResponse(
            request, "error.html", {"title": title, "text": text}, status=status
        )
        response.render()
        return response
    except Exception:  # noqa: BLE001 - an error page must never fail itself
        return HttpResponse(str(title), status=status, content_type="text/plain")


def bad_request(request, exception=None):
    return _error(
        request,
        400,
        _("The request could not be understood"),
        _("Something in what was sent is not valid. Please go back and try again."),
    )


def permission_denied(request, exception=None):
    return _error(
        request,
        403,
        _("Access denied"),
        _(
            "You may not open this page. If you sent a form, reload the page and "
            "send it again."
        ),
    )


def page_not_found(request, exception=None):
    return _error(
        request,
        404,
        _("Page not found"),
        _("This page does not exist (any more)."),
    )


def server_error(request):
    return _error(
        request,
        500,
        _("Something went wrong on our side"),
        _("We have been told. Please try again in a few minutes."),
    )


def csrf_failure(request, reason=""):
    return _error(
        request,
        403,
        _("The form has expired"),
        _(
            "For your security, forms are only valid for a while and need cookies "
            "to be allowed for this site. Go back, reload the page and send the "
            "form again."
        ),
    )
