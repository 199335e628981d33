from wagtail.models import Locale

from .models import ProcessPage


def process_page_for(process):
    """The live portal page of a process in the active language (or None)."""
    return (
        ProcessPage.objects.live()
        .filter(process_id=process.pk, locale=Locale.get_active())
        .first()
    )
