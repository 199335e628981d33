"""What can be found, registered by the apps that own it.

Search sits below the participation apps and the CMS in the import layers, so it
imports none of them: each app tells it what to index (in its AppConfig.ready()):

    add_searchable(Searchable(
        model=Contribution,
        kind="contribution",
        label=_("Contribution"),
        entries_for=contribution_entries,   # obj -> [Entry, ...]; [] if not public
        objects=lambda: Contribution.objects.published(),   # for a rebuild
    ))

By default the entries of an object are refreshed on its post_save and removed on
its post_delete (`connect=False` for models that keep themselves fresh, as Wagtail
pages do through page_published / page_unpublished, see pages.py).
`manage.py rebuild_search_index` refills the whole index from `objects()`."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models


@dataclass(frozen=True)
class Entry:
    """One searchable text in one language."""

    language: str
    title: str
    url: str
    body: str = ""
    # Versions of one thing in several languages share a group; default: the object.
    group: str = ""
    process_id: int | None = None
    published_at: datetime | None = None
    # A kind other than the Searchable's (a news article among pages).
    kind: str = ""


@dataclass(frozen=True)
class Searchable:
    model: type[models.Model]
    kind: str
    label: str
    entries_for: Callable[[models.Model], Iterable[Entry]]
    objects: Callable[[], Iterable[models.Model]] | None = None
    connect: bool = True
    # Object keys are "<prefix>:<pk>"; default: the model's label ("cms.page").
    prefix: str = ""
    extra_kinds: dict[str, str] = field(default_factory=dict)

    def key(self, obj) -> str:
        return f"{self.prefix or self.model._meta.label_lower}:{obj.pk}"

    def all_objects(self) -> Iterable[models.Model]:
        if self.objects is not None:
            return self.objects()
        return self.model._default_manager.all()


_searchables: dict[str, Searchable] = {}
_kind_labels: dict[str, str] = {}


def add_searchable(searchable: Searchable) -> None:
    """Register (again, replacing: ready() may run twice in tests)."""
    _searchables[searchable.prefix or searchable.model._meta.label_lower] = searchable
    add_kind(searchable.kind, searchable.label)
    for kind, label in searchable.extra_kinds.items():
        add_kind(kind, label)
    if searchable.connect:
        from .signals import connect

        connect(searchable)


def add_kind(kind: str, label: str) -> None:
    """Name a kind of result ("news" → "News") for the results page."""
    _kind_labels[kind] = label


def searchables() -> list[Searchable]:
    return list(_searchables.values())


def searchable_for(model) -> Searchable | None:
    for searchable in _searchables.values():
        if issubclass(model, searchable.model):
            return searchable
    return None


def kind_label(kind: str) -> str:
    return _kind_labels.get(kind, kind)
