"""Every live, public Wagtail page of every locale, read generically from the
specific page: its title, search description, its own text fields (intro, teaser …),
rich text and the text of its StreamField blocks. So page types of other apps (news
articles, events) are found without search knowing them; an app may name the kind
of its pages with `add_page_kind("news.articlepage", "news")`.

Kept fresh by Wagtail's page_published, page_unpublished, post_page_move and
post_delete: not by post_save, which also fires for draft revisions (a draft must
not be found)."""

import re

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index as wagtail_index
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import indexing
from .registry import Entry, Searchable, add_searchable
from .text import plain

# Page kinds by app label, for page types search cannot import (news, events);
# apps may add theirs (add_page_kind).
_page_kinds = {"news": "news", "events": "event"}
_SUFFIXES = "|".join(code.replace("-", "_") for code, _name in settings.LANGUAGES)
_LANGUAGE_SUFFIX = re.compile(rf"_({_SUFFIXES})$")


def add_page_kind(label: str, kind: str) -> None:
    """'news.articlepage' (or an app label, 'news') -> the kind its pages show as."""
    _page_kinds[label.lower()] = kind


def _kind(page) -> str:
    meta = page._meta
    return _page_kinds.get(meta.label_lower) or _page_kinds.get(meta.app_label, "page")


def _own_text_fields(model) -> list[models.Field]:
    fields = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or field.model._meta.app_label in (
            "wagtailcore",
        ):
            continue
        if _LANGUAGE_SUFFIX.search(field.name):  # modeltranslation's copies
            continue
        if isinstance(field, StreamField | models.TextField):
            fields.append(field)
    return fields


def _field_text(field, value) -> str:
    if value is None:
        return ""
    if isinstance(field, StreamField):
        return " ".join(
            plain(text) for text in field.stream_block.get_searchable_content(value)
        )
    if isinstance(field, RichTextField):
        return plain(value)
    return str(value)


def page_text(page) -> str:
    """The readable text of a specific page, without its title."""
    parts = [page.search_description]
    seen = set()
    for field in _own_text_fields(type(page)):
        seen.add(field.name)
        parts.append(_field_text(field, getattr(page, field.name, None)))
    # What the page type declares for Wagtail's own search, too.
    for search_field in getattr(page, "search_fields", []):
        name = getattr(search_field, "field_name", "")
        if (
            isinstance(search_field, wagtail_index.SearchField)
            and name not in seen
            and name not in ("title", "search_description")
        ):
            value = getattr(page, name, None)
            if isinstance(value, str):
                parts.append(plain(value))
        elif isinstance(search_field, wagtail_index.RelatedFields):
            parts.extend(_related_text(page, search_field))
    return " ".join(part for part in parts if part)


def _related_text(page, related_fields) -> list[str]:
    # Inline parts a page declares for search (an event's dialogue results).
    related = getattr(page, related_fields.field_name, None)
    if related is None:
        return []
    objects = related.all() if hasattr(related, "all") else [related]
    return [
        plain(value)
        for obj in objects
        for field in related_fields.fields
        if isinstance(field, wagtail_index.SearchField)
        and isinstance(value := getattr(obj, field.field_name, None), str)
    ]


def _process_id(page) -> int | None:
    ancestors = page.get_ancestors(inclusive=True).specific().order_by("-depth")
    for ancestor in ancestors:
        process_id = getattr(ancestor, "process_id", None)
        if process_id:
            return process_id
    return None


def _is_findable(page) -> bool:
    return (
        page.live
        and page.depth > 1
        and not page.alias_of_id
        and not page.get_view_restrictions().exists()
    )


def _shown_date(page):
    # An event's result shows its day, an article its own date; other pages
    # when they last changed.
    if hasattr(page, "search_date"):
        return page.search_date()
    return page.last_published_at or page.first_published_at


def page_entries(page) -> list[Entry]:
    page = page.specific_deferred if type(page) is Page else page
    if not _is_findable(page):
        return []
    url = page.get_url()
    if not url:
        return []
    return [
        Entry(
            language=page.locale.language_code,
            title=page.seo_title or page.title,
            body=page_text(page),
            url=url,
            group=f"page:{page.translation_key}",
            process_id=_process_id(page),
            published_at=_shown_date(page),
            kind=_kind(page),
        )
    ]


PAGES = Searchable(
    model=Page,
    kind="page",
    label=_("Page"),
    prefix="page",
    entries_for=page_entries,
    objects=lambda: Page.objects.live().public().filter(depth__gt=1).specific(),
    connect=False,
    extra_kinds={"news": _("News"), "event": _("Event")},
)


def _published(sender, instance, **kwargs):
    indexing.object_index(PAGES, instance.specific)


def _unpublished(sender, instance, **kwargs):
    # Its subpages are no longer reachable either.
    for page in Page.objects.descendant_of(instance, inclusive=True):
        indexing.object_unindex(PAGES.key(page))


def _moved(sender, instance, **kwargs):
    # New addresses for the page and everything below it.
    for page in Page.objects.descendant_of(instance, inclusive=True).specific():
        indexing.object_index(PAGES, page)


def _deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        indexing.object_unindex(PAGES.key(instance))


def register() -> None:
    add_searchable(PAGES)
    page_published.connect(_published, dispatch_uid="search-page-published")
    page_unpublished.connect(_unpublished, dispatch_uid="search-page-unpublished")
    post_page_move.connect(_moved, dispatch_uid="search-page-moved")
    post_delete.connect(_deleted, dispatch_uid="search-page-deleted")
