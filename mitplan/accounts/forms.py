"""django-allauth's forms, rendered like every other form of the site (KERN-UX
markup, errors next to the field)."""

from allauth.account import forms as allauth_forms

from mitplan.core.forms import KernBoundField, KernFormRenderer


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
