"""Forms of the staff moderation screen (validation only; the services act)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mitplan.core.i18n import (
    language_name,
    other_languages,
    per_language_fields,
    per_language_values,
)
from mitplan.processes.forms import SPOKEN_LANGUAGES

from .models import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, Contribution, Statement


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason the author sees"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


class EditForm(forms.Form):
    # Residents write in any script: each field takes the direction of its text.
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
    )
    note = forms.CharField(
        label=_("Public note on the edit"),
        max_length=300,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text=_('Shown with the contribution, e.g. "Personal data removed".'),
    )


class MergeForm(forms.Form):
    target = forms.IntegerField(
        label=_("Merge into contribution number"),
        min_value=1,
        help_text=_("Supports and comments move over; this one then redirects there."),
    )


class ForwardForm(forms.Form):
    expert_group = forms.ModelChoiceField(label=_("Expert group"), queryset=None)

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        from mitplan.processes.models import ExpertGroup

        self.fields["expert_group"].queryset = ExpertGroup.objects.filter(
            field_of_action__process=process
        )


class StatementForm(forms.Form):
    # Starts empty: an outcome nobody chose must not go public because it came first.
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", _("– please choose –")), *Statement.Outcome.choices],
    )
    text_de = forms.CharField(
        label=_("Statement (German)"),
        max_length=5000,
        # German text in an Arabic admin keeps its own direction.
        widget=forms.Textarea(attrs={"rows": 6, "dir": "ltr", "lang": "de"}),
    )

    def __init__(self, *args, contribution_language: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # A translation per UI language, optional; the contribution's own language
        # first, so an Arabic author can get an Arabic answer.
        others = sorted(
            other_languages(), key=lambda code: code != contribution_language
        )
        per_language_fields(
            self,
            "text",
            others,
            lambda code: forms.CharField(
                label=_("Statement in %(language)s (optional)")
                % {"language": language_name(code)},
                max_length=5000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3, "dir": "auto", "lang": code}),
            ),
        )
        self.translated_into = others
        self.first_translation = others[0]

    def main_fields(self):
        """Outcome, German text and the translation into the contribution's language."""
        return [
            self["outcome"],
            self["text_de"],
            self[f"text_{self.first_translation}"],
        ]

    def other_translations(self):
        return [
            field
            for field in self
            if field.name.startswith("text_")
            and field.name not in ("text_de", f"text_{self.first_translation}")
        ]

    def translations(self) -> dict[str, str]:
        return per_language_values(self, "text", self.translated_into)


class OfflineContributionForm(forms.Form):
    """Input collected on paper or at an event table, entered by staff."""

    field_of_action = forms.ModelChoiceField(label=_("Field of action"), queryset=None)
    # Chosen on purpose, like a statement's outcome: no kind is preselected.
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("– please choose –")), *Contribution.Kind.choices],
    )
    # Residents write in any script: each field takes the direction of its text.
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=list(SPOKEN_LANGUAGES.items()),
        initial=settings.LANGUAGE_CODE,
    )
    source_note = forms.CharField(
        label=_("Where it was collected"),
        max_length=200,
        help_text=_('e.g. "Kickoff, dialogue round 3"'),
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field_of_action"].queryset = process.fields_of_action.all()
