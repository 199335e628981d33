"""django-allauth's forms, rendered like every other form of the site (KERN-UX
markup, errors next to the field)."""

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from mitplan.core.forms import KernBoundField, KernForm, KernFormRenderer


class KernFormMixin:
    default_renderer = KernFormRenderer()
    bound_field_class = KernBoundField


class LoginForm(KernFormMixin, allauth_forms.LoginForm):
    pass


class SignupForm(KernFormMixin, allauth_forms.SignupForm):
    pass


class AddEmailForm(KernFormMixin, allauth_forms.AddEmailForm):
    pass


class ChangePasswordForm(KernFormMixin, allauth_forms.ChangePasswordForm):
    pass


class SetPasswordForm(KernFormMixin, allauth_forms.SetPasswordForm):
    pass


class ResetPasswordForm(KernFormMixin, allauth_forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(KernFormMixin, allauth_forms.ResetPasswordKeyForm):
    pass


class StaffLoginForm(WagtailLoginForm):
    """The admin login: staff sign in with their e-mail address (allauth's backend
    takes it in the user-name field), so the field says so."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address or user name")
        # The label says it all; a placeholder saying less would only disagree.
        self.fields["username"].widget.attrs.pop("placeholder", None)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].label = _("Password")
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
        self.error_messages = {
            **self.error_messages,
            "invalid_login": _(
                "E-mail address (or user name) and password do not match. "
                "Please try again."
            ),
        }


class AccountDeleteForm(KernForm):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("So that nobody else can delete your account."),
    )
    confirm = forms.BooleanField(
        label=_("Yes, delete my account. This cannot be undone."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password
