"""The ASGI entry point `make run` serves (uvicorn).

The event loop reads each request's body completely before a thread runs the
(synchronous) Django view, so clients that send slowly hold only a connection,
never a worker thread; many of them cannot block the others.
"""

import os
import warnings

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

# WhiteNoise and Django's media view answer with files read synchronously; under
# ASGI Django reads such a (small, static) file in a thread and warns every time.
warnings.filterwarnings(
    "ignore",
    message="StreamingHttpResponse must consume synchronous iterators",
    category=Warning,
)

application = get_asgi_application()

if os.environ.get("MITPLAN_WARM_UP", "true").lower() not in ("0", "false", "no"):
    # Before the first request is taken: imports, templates, catalogs, caches.
    from mitplan.core.warmup import warm_up

    warm_up()
