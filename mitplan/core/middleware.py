import time


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
