import time

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import patch_vary_headers


class ServerTimingMiddleware:
    """Adds `Server-Timing: app;dur=…` (milliseconds in the app), which browsers show
    in their developer tools and `make bench` reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration = (time.perf_counter() - started) * 1000
        response["Server-Timing"] = f"app;dur={duration:.1f}"
        return response


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 outside the language-prefixed
    site (API, admin, files) stays a 404 instead of redirecting to /de/…: Wagtail's
    catch-all route would make every such path look valid in German."""

    UNPREFIXED = ("/api/", "/admin/", "/static/", "/media/", "/documents/", "/altcha/")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED):
            if request.path_info.startswith("/api/") and response.status_code >= 400:
                # The API's error texts are in the client's Accept-Language.
                patch_vary_headers(response, ("Accept-Language",))
            return response
        return super().process_response(request, response)


# As long as gunicorn and common proxies (nginx: 8 KB lines) accept, with room for
# the method and protocol; no address the site makes comes near it.
MAX_URL_LENGTH = 4094


class UriTooLongMiddleware:
    """A too-long address gets 414 as a page in the reader's language (JSON for
    the API) rather than the server's bare English text or a page rendered around
    kilobytes of query. Addresses beyond what the server itself reads (about 64 KB
    under uvicorn) never reach the app: put a proxy in front for those."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = len(request.path.encode()) + len(request.META.get("QUERY_STRING", ""))
        if length > MAX_URL_LENGTH:
            from .views import uri_too_long

            return uri_too_long(request)
        return self.get_response(request)


class HealthCheckMiddleware:
    """Answers `/healthz` before anything else looks at the request: a load balancer
    probes on plain HTTP and often names the instance by its address in the Host
    header, which the HTTPS redirect and ALLOWED_HOSTS would refuse. The answer
    holds nothing that depends on the host."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            from .views import health

            return health(request)
        return self.get_response(request)
