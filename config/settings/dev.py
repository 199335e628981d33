"""`make run`: the production stack on one machine, without HTTPS."""

from .base import *  # noqa: F403
from .base import env


def _static_collected() -> bool:
    """Whether `make setup` collected the static files after their last change."""
    manifest = STATIC_ROOT / "staticfiles.json"  # noqa: F405
    if not manifest.exists():
        return False
    collected_at = manifest.stat().st_mtime
    return all(
        path.stat().st_mtime <= collected_at
        for folder in STATICFILES_DIRS  # noqa: F405
        for path in folder.rglob("*")
        if path.is_file()
    )


# Static files as production serves them: collected by `make setup` into
# staticfiles/ with hashed names, gzip-compressed, cached by browsers for a year.
# With DEBUG=true, or when the sources changed since (an asset build without
# `make setup`), they come straight from the sources instead, uncompressed.
if env.bool("DEBUG", default=False) or not _static_collected():
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = env.bool("DEBUG", default=False)
    STORAGES["staticfiles"] = {  # noqa: F405
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
    }
MITPLAN_SERVE_MEDIA = env.bool("MITPLAN_SERVE_MEDIA", default=True)
# `make run` serves through ASGI (config/serve.py), where each request runs in a
# thread of its own: a database connection kept past the request would be left
# behind with that thread.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
