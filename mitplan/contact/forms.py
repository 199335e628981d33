from django.utils.translation import gettext_lazy as _

from mitplan.core.altcha import ProofOfWorkMixin
from mitplan.core.forms import EmailAddressField, MultilineField, SingleLineField
from mitplan.core.spam import SpamGuardMixin

MESSAGE_MAX_LENGTH = 5000


class MessageForm(ProofOfWorkMixin, SpamGuardMixin):
    """A message to a person of the city: who writes, how to answer, what about."""

    name = SingleLineField(
        label=_("Your name"),
        max_length=200,
        required=False,
        help_text=_("Optional. You may write anonymously."),
    )
    email = EmailAddressField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("So that we can answer you. It is used for nothing else."),
    )
    subject = SingleLineField(label=_("Subject"), max_length=200)
    message = MultilineField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        rows=8,
        help_text=_("At most 5,000 characters."),
    )

    field_order = ["name", "email", "subject", "message", "website", "started"]


class AccessibilityFeedbackForm(MessageForm):
    page_url = SingleLineField(
        label=_("Which page or content is it about?"),
        max_length=500,
        required=False,
        help_text=_("Optional: the address or the name of the page."),
    )

    field_order = [
        "name",
        "email",
        "page_url",
        "subject",
        "message",
        "website",
        "started",
    ]
