"""Wagtail documents, by title and description, in the language they are in (a
document model with `language` and `description` fields; plain Wagtail documents
count as German)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model

from .registry import Entry, Searchable, add_searchable
from .text import plain


def document_entries(document) -> list[Entry]:
    collection = getattr(document, "collection", None)
    if collection is not None and collection.get_view_restrictions().exists():
        return []
    return [
        Entry(
            language=getattr(document, "language", "") or settings.LANGUAGE_CODE,
            title=document.title,
            body=plain(getattr(document, "description", "") or ""),
            url=document.url,
            published_at=getattr(document, "created_at", None),
        )
    ]


def register() -> None:
    add_searchable(
        Searchable(
            model=get_document_model(),
            kind="document",
            label=_("Document"),
            prefix="document",
            entries_for=document_entries,
        )
    )
