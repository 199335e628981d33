"""One row per sent form: a double click, a reload or a resent form carries the same
submission key, and saving it again returns the row the first request made."""

from django.db import IntegrityError, models, transaction


def save_once(instance: models.Model, *, key_field: str = "submission_key"):
    """Save `instance` unless a row with its submission key exists. Returns
    (row, created). The key's unique constraint settles two requests that race."""
    model = type(instance)
    key = getattr(instance, key_field)
    if key:
        existing = model.objects.filter(**{key_field: key}).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        existing = model.objects.filter(**{key_field: key}).first() if key else None
        if existing is None:  # another constraint failed: not ours to hide
            raise
        return existing, False
    return instance, True
