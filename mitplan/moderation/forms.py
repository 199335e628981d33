from django import forms
from django.utils.translation import gettext_lazy as _

from mitplan.core.forms import KernForm, MultilineField
from mitplan.core.parsing import parse_id

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

    report = forms.CharField(widget=forms.HiddenInput)
    # Closing cannot be undone: say what was done, for the next person to read.
    resolution = forms.CharField(
        label=_("What was done"),
        max_length=300,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )

    def clean_report(self):
        report = parse_id(self.cleaned_data["report"])
        if report is None:
            raise forms.ValidationError(
                _("This abuse report does not exist."), code="no_such_report"
            )
        return report
