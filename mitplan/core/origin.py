"""Cross-site request protection without a cookie, for the residents' forms
(contact, feedback, contributions, and support, comment, report, subscribe).

Django's CSRF token needs a cookie, and readers of public pages get none. These
forms instead accept a POST only when the browser says it comes from this site:
the Origin header (sent by every current browser on POST), or failing that the
Referer. A forged cross-site POST carries the other site's origin and is refused.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.views.decorators.csrf import csrf_exempt


def is_same_origin(request) -> bool:
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER")
    if not source or source == "null":
        return False
    parts = urlsplit(source)
    return parts.scheme == request.scheme and parts.netloc == request.get_host()


def same_origin_post(view):
    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and not is_same_origin(request):
            from mitplan.core.views import csrf_failure

            return csrf_failure(request, reason="cross-origin")
        return view(request, *args, **kwargs)

    return wrapped
