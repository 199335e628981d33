from django.conf import settings
from django.utils.translation import get_language, get_language_bidi


def site(request):
    """What every page needs: the site's name and the reading direction."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "LANGUAGE_IS_RTL": get_language_bidi(),
        "CURRENT_LANGUAGE": get_language(),
    }
