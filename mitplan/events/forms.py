from django import forms
from django.utils.translation import gettext_lazy as _

from mitplan.core.altcha import ProofOfWorkMixin
from mitplan.core.forms import EmailAddressField, MultilineField, SingleLineField
from mitplan.core.spam import SpamGuardMixin
from mitplan.core.submissions import SubmissionKeyField


class RegistrationForm(ProofOfWorkMixin, SpamGuardMixin):
    """Registering for an event, without an account."""

    name = SingleLineField(label=_("Your name"), max_length=200)
    email = EmailAddressField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_(
            "We send you a link to confirm your registration. Your seat is "
            "reserved once you have confirmed."
        ),
    )
    needs = MultilineField(
        label=_("What do you need to take part?"),
        max_length=1000,
        rows=3,
        required=False,
        help_text=_(
            "Optional: e.g. step-free access, interpretation into your language, "
            "childcare. At most 1,000 characters."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my name, e-mail address and needs are stored for this "
            "event and deleted after it, as the privacy notice explains."
        ),
        error_messages={
            "required": _("Please agree, or we cannot register you."),
        },
    )
    # Made by the browser: the event page is the same for every reader.
    submission = SubmissionKeyField(browser_made=True)

    field_order = [
        "name",
        "email",
        "needs",
        "consent",
        "website",
        "started",
        "submission",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Filled in by the browser, as WCAG 1.3.5 asks for a person's own data.
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class CancelForm(forms.Form):
    """Cancelling needs only the button: the personal link is the proof."""
