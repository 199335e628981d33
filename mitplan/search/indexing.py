"""Writes to the index: one object's entries replaced, removed, or all rebuilt."""

import logging

from django.db import transaction

from . import postgres, registry
from .models import SearchEntry
from .text import MAX_BODY, clean, fold

logger = logging.getLogger(__name__)
TITLE_MAX = 500


def _rows(searchable, obj) -> list[SearchEntry]:
    key = searchable.key(obj)
    rows = []
    for entry in searchable.entries_for(obj):
        title = clean(entry.title, TITLE_MAX)
        body = clean(entry.body, MAX_BODY)
        if not title or not entry.url:
            continue
        rows.append(
            SearchEntry(
                kind=entry.kind or searchable.kind,
                object_key=key,
                group_key=entry.group or key,
                language=entry.language,
                config=postgres.config_for(entry.language),
                title=title,
                body=body,
                url=entry.url[:500],
                process_id=entry.process_id,
                published_at=entry.published_at,
                folded_title=fold(title),
                folded_body=fold(body),
            )
        )
    return rows


@transaction.atomic
def object_index(searchable, obj) -> int:
    """Replace the entries of `obj` by what it offers now (none if not public)."""
    rows = _rows(searchable, obj)
    SearchEntry.objects.filter(object_key=searchable.key(obj)).delete()
    SearchEntry.objects.bulk_create(rows)
    return len(rows)


def object_unindex(object_key: str) -> None:
    SearchEntry.objects.filter(object_key=object_key).delete()


@transaction.atomic
def index_rebuild() -> int:
    """Empty the index and fill it from every registered kind; returns the count."""
    SearchEntry.objects.all().delete()
    count = 0
    for searchable in registry.searchables():
        batch = []
        for obj in searchable.all_objects():
            batch.extend(_rows(searchable, obj))
            if len(batch) >= 500:
                SearchEntry.objects.bulk_create(batch)
                count += len(batch)
                batch = []
        SearchEntry.objects.bulk_create(batch)
        count += len(batch)
    return count
