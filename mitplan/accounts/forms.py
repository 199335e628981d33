"""django-allauth's forms, rendered like every other form of the site (KERN-UX
markup, errors next to the field)."""

import logging

from allauth.account import forms as allauth_forms
from django import forms
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from mitplan.core import ratelimits
from mitplan.core.forms import KernBoundField, KernForm, KernFormRenderer
from mitplan.core.ratelimits import Limit

# Failed staff sign-ins: what an operator watches for (and a fail2ban could read).
security_log = logging.getLogger("mitplan.security")


class KernFormMixin:
    default_renderer = KernFormRenderer()
    bound_field_class = KernBoundField


class LoginForm(KernFormMixin, allauth_forms.LoginForm):
    pass


class SignupForm(KernFormMixin, allauth_forms.SignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # Hash the password all the same, so that signing up with a known
            # address takes as long as with a new one: the time must not tell
            # which addresses have an account. (Both send one mail.)
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)


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


TOO_MANY_STAFF_SIGN_INS = _(
    "Too many failed sign-ins. For your account's safety, signing in is paused for "
    "a while; please try again in 15 minutes."
)


class StaffLoginForm(WagtailLoginForm):
    """The admin login: staff sign in with their e-mail address (allauth's backend
    takes it in the user-name field), so the field says so. Failed sign-ins are
    logged and limited per network address and per account, like the residents'
    sign-in: past the limit even the right password waits."""

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip().lower()
        limits = [
            Limit.per_client(
                self.request,
                "staff.login.failed",
                settings.STAFF_LOGIN_FAILURES_PER_ADDRESS,
            ),
            Limit.per_target(
                "staff.login.failed.account",
                username,
                settings.STAFF_LOGIN_FAILURES_PER_ACCOUNT,
            ),
        ]
        if ratelimits.used_up(*limits):
            security_log.warning("Staff sign-in refused after failures: %r", username)
            raise forms.ValidationError(TOO_MANY_STAFF_SIGN_INS, code="too_many")
        try:
            return super().clean()
        except forms.ValidationError:
            ratelimits.hit(*limits)
            security_log.warning("Failed staff sign-in: %r", username)
            raise

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
