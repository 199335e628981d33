from django import forms
from django.utils.translation import gettext_lazy as _

from mitplan.core.forms import MultilineField, SingleLineField
from mitplan.core.parsing import parse_id
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
    # The comment answered, as the page wrote it (plain digits): anything else is
    # no comment of this page.
    parent = forms.CharField(required=False, widget=forms.HiddenInput)
    # The comment form is on the contribution's page, which caches share.
    submission = SubmissionKeyField(browser_made=True)

    def clean_parent(self):
        written = self.cleaned_data.get("parent") or ""
        if not written:
            return None
        parent = parse_id(written)
        if parent is None:
            raise forms.ValidationError(NO_SUCH_COMMENT, code="no_such_comment")
        return parent


class HideForm(forms.Form):
    """Staff hide a comment, with a reason the public page does not show."""

    comment = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )

    def clean_comment(self):
        comment = parse_id(self.cleaned_data["comment"])
        if comment is None:
            raise forms.ValidationError(NO_SUCH_COMMENT, code="no_such_comment")
        return comment
