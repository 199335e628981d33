"""Spam guards for public forms that need no third-party service.

A honeypot field that people never see and bots fill in, and a signed start time:
forms sent faster than a person can type, or from a page older than a day, are
turned back with an explanation (and everything typed is kept).
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .forms import KernForm

SALT = "mitplan.spam.started"
MAX_AGE_SECONDS = 24 * 3600


class FreshTimestampInput(forms.HiddenInput):
    """The signed time the form was first shown. A form shown again (with errors)
    keeps its start, so sending it again at once is not "too fast" a second time;
    a missing, forged or day-old start is replaced by a fresh one."""

    def format_value(self, value):
        if value:
            try:
                signing.loads(value, salt=SALT, max_age=MAX_AGE_SECONDS)
            except signing.BadSignature:
                pass
            else:
                return value
        return signing.dumps(time.time(), salt=SALT)


class SpamGuardMixin(KernForm):
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(required=False, widget=FreshTimestampInput)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                _("Your message could not be sent. Please leave the last field empty."),
                code="honeypot",
            )
        return ""

    def clean_started(self):
        try:
            started = float(
                signing.loads(
                    self.cleaned_data.get("started") or "",
                    salt=SALT,
                    max_age=MAX_AGE_SECONDS,
                )
            )
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(
                _("This form was open for too long. Please send it again."),
                code="expired",
            ) from None
        if time.time() - started < settings.SPAM_MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _(
                    "That was very fast. Please check your entries, wait a few "
                    "seconds and send again."
                ),
                code="too_fast",
            )
        return ""

    def spam_errors(self):
        """Errors of the honeypot, shown above the form (the start time is a hidden
        field: its errors come with the summary's hidden-field errors)."""
        return list(self.errors.get("website", []))
