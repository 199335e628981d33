"""`make run`: the production stack on one machine, without HTTPS."""

from .base import *  # noqa: F403
from .base import env

# Static files straight from the apps and the build folder, so no collectstatic
# is needed after each asset build.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = env.bool("DEBUG", default=False)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
}
MITPLAN_SERVE_MEDIA = env.bool("MITPLAN_SERVE_MEDIA", default=True)
