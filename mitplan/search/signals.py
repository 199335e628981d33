"""Keeping the index fresh when a registered model is saved or deleted."""

from django.db.models.signals import post_delete, post_save

from . import indexing


def connect(searchable) -> None:
    uid = f"search-{searchable.model._meta.label_lower}"

    def saved(sender, instance, raw=False, **kwargs):
        if not raw:  # fixtures load rows as they are; rebuild_search_index after
            indexing.object_index(searchable, instance)

    def deleted(sender, instance, **kwargs):
        indexing.object_unindex(searchable.key(instance))

    post_save.connect(saved, sender=searchable.model, weak=False, dispatch_uid=uid)
    post_delete.connect(
        deleted, sender=searchable.model, weak=False, dispatch_uid=f"{uid}-delete"
    )
