from django import forms
from django.utils.translation import gettext_lazy as _

from mitplan.core.forms import MultilineField, SingleLineField
from mitplan.core.spam import SpamGuardMixin
from mitplan.core.submissions import SubmissionKeyField


class CommentForm(SpamGuardMixin):
    text = MultilineField(
        label=_("Your comment"),
        max_length=2000,
        rows=4,
        help_text=_("At most 2,000 characters."),
    )
    pseudonym = SingleLineField(
        label=_("Name shown with it"), max_length=60, required=False
    )
    parent = forms.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput
    )
    # The comment form is on the contribution's page, which caches share.
    submission = SubmissionKeyField(browser_made=True)


class HideForm(forms.Form):
    """Staff hide a comment, with a reason the public page does not show."""

    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
