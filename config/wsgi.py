import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

if os.environ.get("MITPLAN_WARM_UP", "true").lower() not in ("0", "false", "no"):
    # Before the first request is taken: imports, templates, catalogs, caches.
    from mitplan.core.warmup import warm_up

    warm_up()
