"""Wagtail's page view, with the site's cross-site check for page forms.

Forms on pages (accessibility feedback, contributions, support, comments, reports)
use no CSRF cookie, since readers get none (mitplan.core.origin). Django's CSRF
middleware would refuse their POSTs before a page route sees them, so page serving
is exempt from it and instead every POST to a page must come from this site, as
the browser's Origin header says.
"""

from django.http import HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt
from wagtail import views as wagtail_views

from mitplan.core.origin import is_same_origin
from mitplan.core.views import csrf_failure

# Pages are read and their forms sent; nothing on a page is put, patched or
# deleted, so such requests are told so instead of getting the page.
PAGE_METHODS = ("GET", "HEAD", "POST")


@csrf_exempt
def serve(request, path):
    if request.method not in PAGE_METHODS:
        return HttpResponseNotAllowed(PAGE_METHODS)
    if request.method == "POST" and not is_same_origin(request):
        return csrf_failure(request, reason="cross-origin")
    return wagtail_views.serve(request, path)
