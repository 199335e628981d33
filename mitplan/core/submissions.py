"""One row per sent form, and nothing lost when a form key meets other content.

A sent form carries a one-time submission key. Sending it again (double click,
reload, "back" with the page kept) carries the same key and the same content: that is
a resend, and it returns the row the first request made. The same key with other
content is not a resend: two people got the same page from a cache, or the sender
edited after sending. Nothing is stored then and the caller tells the person, with
their text kept. Only the key decides, never the text: two people who write the same
words are two contributions."""

import enum
import hashlib
import json

from django.db import IntegrityError, models, transaction


class Saved(enum.Enum):
    CREATED = "created"
    RESENT = "resent"  # the same form again: the first row stands
    CONFLICT = "conflict"  # this key was used for other content: nothing stored

    def __bool__(self):  # `row, created = save_once(…)` reads as before
        return self is Saved.CREATED


def content_digest(**content) -> str:
    """A fingerprint of what a form carried, to tell a resend from other content."""
    raw = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()


def save_once(instance: models.Model, *, key_field: str = "submission_key"):
    """Save `instance` unless a row with its submission key exists. Returns
    (row, Saved). The key's unique constraint settles two requests that race; the
    rows' `submission_digest` tells a resend from other content."""
    model = type(instance)
    key = getattr(instance, key_field)
    if key:
        existing = model.objects.filter(**{key_field: key}).first()
        if existing is not None:
            return existing, _outcome(existing, instance)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        existing = model.objects.filter(**{key_field: key}).first() if key else None
        if existing is None:  # another constraint failed: not ours to hide
            raise
        return existing, _outcome(existing, instance)
    return instance, Saved.CREATED


def key_used(model: type[models.Model], key: str, key_field="submission_key") -> bool:
    """Whether a form with this key was stored already: sending it again is a resend
    (or a conflict), which stores nothing and so must not count against a limit."""
    return bool(key) and model.objects.filter(**{key_field: key}).exists()


def _outcome(existing, instance) -> Saved:
    digest = getattr(instance, "submission_digest", "")
    if digest and existing.submission_digest and digest != existing.submission_digest:
        return Saved.CONFLICT
    return Saved.RESENT
