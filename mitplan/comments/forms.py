from django import forms
from django.utils.translation import gettext_lazy as _

from mitplan.core.forms import IdField, MultilineField, SingleLineField
from mitplan.core.spam import SpamGuardMixin
from mitplan.core.submissions import SubmissionKeyField

NO_SUCH_COMMENT = _("The comment you answer does not exist (any more).")


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
    # The comment answered, as the page wrote it (plain digits).
    parent = IdField(required=False, error_messages={"invalid": NO_SUCH_COMMENT})
    # The comment form is on the contribution's page, which caches share.
    submission = SubmissionKeyField(browser_made=True)


class HideForm(forms.Form):
    """Staff hide a comment, with a reason the public page does not show."""

    comment = IdField(error_messages={"invalid": NO_SUCH_COMMENT})
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
