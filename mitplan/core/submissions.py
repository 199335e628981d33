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
import re
import secrets

from django import forms
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _


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


# Said when a form's key comes back with other content (corrected after sending,
# the answer lost): the first version is kept, the new one is not stored yet.
RESENT_OTHER_CONTENT = _(
    "This form had already been sent, with other content; that first version is "
    "stored. What you see now was not stored yet: to send it as well, press send "
    "again."
)


def key_used(model: type[models.Model], key: str, key_field="submission_key") -> bool:
    """Whether a form with this key was stored already: sending it again is a resend
    (or a conflict), which stores nothing and so must not count against a limit."""
    return bool(key) and model.objects.filter(**{key_field: key}).exists()


def _outcome(existing, instance) -> Saved:
    digest = getattr(instance, "submission_digest", "")
    if digest and existing.submission_digest and digest != existing.submission_digest:
        return Saved.CONFLICT
    return Saved.RESENT


# --- The key a form carries --------------------------------------------------------

# The salt keeps its first app's name: keys in forms that are open stay valid.
SUBMISSION_SALT = "mitplan.contributions.submission"


def new_submission_key() -> str:
    return signing.dumps(secrets.token_hex(16), salt=SUBMISSION_SALT)


# A key the browser made (js/fresh-key.js) on a page that caches may share, where a
# key from the server would be the same for everyone who gets the page.
BROWSER_KEY = re.compile(r"b-[0-9a-f]{32}")


class SubmissionKeyField(forms.CharField):
    """A one-time key: the same form sent twice creates one object. Signed by the
    server on pages only one person gets; made by the browser on shared pages
    (`browser_made=True`: the field starts empty and the script fills it)."""

    widget = forms.HiddenInput

    def __init__(self, *, browser_made: bool = False, **kwargs):
        super().__init__(required=False, **kwargs)
        self.browser_made = browser_made
        if browser_made:
            self.widget.attrs["data-fresh-key"] = ""

    def clean(self, value):
        if self.browser_made:
            # Without JavaScript there is no key: the form still works, only a
            # double click is not recognised as one.
            return value if value and BROWSER_KEY.fullmatch(value) else None
        try:
            return signing.loads(value or "", salt=SUBMISSION_SALT, max_age=7 * 86400)
        except signing.BadSignature:
            raise forms.ValidationError(
                _("This form was open for too long. Please send it again."),
                code="expired",
            ) from None


def signed_key(value) -> str | None:
    """The key a contribution form carried, if its signature holds (None if not)."""
    try:
        return SubmissionKeyField().clean(value)
    except forms.ValidationError:
        return None
