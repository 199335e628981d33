from django import forms
from django.utils.translation import gettext_lazy as _

from mitplan.core.forms import IdField, KernForm, MultilineField

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


class CloseReportForm(forms.Form):
    """Staff close an abuse report, saying what was done."""

    report = IdField(error_messages={"invalid": _("This abuse report does not exist.")})
    # Closing cannot be undone: say what was done, for the next person to read.
    resolution = forms.CharField(
        label=_("What was done"),
        max_length=300,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
