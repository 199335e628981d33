from django.utils.translation import get_language
from wagtail.models import Page

from .models import ProcessPage


def pages_in_locale(pages: list, locale, *, among=None) -> list:
    """Each page as a reader of `locale` gets it: its page there (translation or
    alias), else the page itself. One query; `among` narrows the candidates to a
    page type's live pages (default: every live page)."""
    among = Page.objects.live() if among is None else among
    found = {
        page.translation_key: page
        for page in among.filter(
            translation_key__in=[page.translation_key for page in pages], locale=locale
        )
    }
    return [found.get(page.translation_key, page) for page in pages]


def process_page_for(process):
    """The live portal page of a process in the active language (or None)."""
    # A join on the locale, not Locale.get_active() (a query of its own).
    return (
        ProcessPage.objects.live()
        .filter(process_id=process.pk, locale__language_code=get_language())
        .first()
    )


def portal_above(page) -> ProcessPage | None:
    """The process portal a page sits below (None for pages of no process): how
    the news and events know their process from their place in the tree. One
    query."""
    if not page.path:
        return None
    return ProcessPage.objects.ancestor_of(page).order_by("-depth").first()


def process_id_above(page) -> int | None:
    portal = portal_above(page)
    return portal.process_id if portal is not None else None
