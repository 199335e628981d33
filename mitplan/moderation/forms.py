from django import forms
from django.utils.translation import gettext_lazy as _

from mitplan.core.forms import KernForm, MultilineField

from .models import Report


class ReportForm(KernForm):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
    )
    explanation = MultilineField(
        label=_("Explanation"), max_length=1000, required=False, rows=3
    )
