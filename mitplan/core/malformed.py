"""Requests no page can answer, refused before any view or database sees them.

Files are only uploaded by staff in the admin; elsewhere a multipart body larger
than DATA_UPLOAD_MAX_MEMORY_SIZE is refused unread (that limit skips file parts).

A NUL byte in an address or query has no meaning in a URL we make, and PostgreSQL
refuses it in any text it is compared with: answered 400 here (JSON for the API, a
page in the reader's language elsewhere) instead of a server error deep inside."""

from urllib.parse import unquote

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _

from .views import bad_request

NUL = "\x00"


def _has_nul(request) -> bool:
    query = request.META.get("QUERY_STRING", "")
    return NUL in request.path_info or NUL in unquote(query)


def _uploads_where_none_belong(request) -> bool:
    """A multipart body larger than any public form needs, outside the admin.
    (Without a length Django reads no form data at all, so chunked bodies carry
    nothing past this.)"""
    if request.path_info.startswith("/admin/"):
        return False
    if not request.META.get("CONTENT_TYPE", "").lower().startswith("multipart/"):
        return False
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class RefuseMalformedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _uploads_where_none_belong(request):
            # No public form takes files: Django's size limit leaves file parts
            # out, so a big multipart body is refused here, unread.
            return bad_request(request)
        if _has_nul(request):
            if request.path_info.startswith("/api/"):
                return JsonResponse(
                    {
                        "detail": _(
                            "The address contains a character that is not allowed."
                        )
                    },
                    status=400,
                )
            return bad_request(request)
        response = self.get_response(request)
        if (
            response.status_code == 405
            and request.path_info.startswith("/api/")
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            # Clients of the JSON API read JSON, also when the method is wrong.
            json = JsonResponse({"detail": _("Method not allowed.")}, status=405)
            json["Allow"] = response.get("Allow", "GET")
            return json
        return response
