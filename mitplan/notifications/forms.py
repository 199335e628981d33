"""The one field people give to follow something by e-mail."""

from django.utils.translation import gettext_lazy as _

from mitplan.core.forms import EmailAddressField, KernForm


class SubscribeForm(KernForm):
    email = EmailAddressField(label=_("Your e-mail address"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
