from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from mitplan.core.altcha import ProofOfWorkMixin
from mitplan.core.forms import (
    EmailAddressField,
    IdChoiceField,
    IdMultipleChoiceField,
    LanguageMarkedCheckboxes,
    LanguageMarkedSelect,
    MultilineField,
    SingleLineField,
)
from mitplan.core.spam import SpamGuardMixin
from mitplan.core.submissions import (  # noqa: F401 (the forms' keys)
    SubmissionKeyField,
    new_submission_key,
    signed_key,
)
from mitplan.notifications.forms import SubscribeForm  # noqa: F401 (views use it)
from mitplan.processes.forms import SPOKEN_LANGUAGES

from .languages import detect_language
from .models import TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, Contribution, Statement

LANGUAGE_CHOICES = [("auto", _("Recognise automatically"))] + list(
    SPOKEN_LANGUAGES.items()
)


class SpokenLanguageSelect(forms.Select):
    """Each language is named in itself; mark it so (screen readers switch voice)."""

    def create_option(self, name, value, label, selected, index, **kwargs):
        option = super().create_option(name, value, label, selected, index, **kwargs)
        if value and value != "auto":
            option["attrs"] = {**option["attrs"], "lang": value}
        return option


class ContributionForm(ProofOfWorkMixin, SpamGuardMixin):
    kind = forms.ChoiceField(
        label=_("What would you like to send?"),
        choices=Contribution.Kind.choices,
        widget=forms.RadioSelect,
    )
    field_of_action = IdChoiceField(
        label=_("Field of action"),
        queryset=None,
        empty_label=_("Please choose"),
        widget=LanguageMarkedSelect,
    )
    title = SingleLineField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_("In a few words. At most 120 characters."),
    )
    text = MultilineField(
        label=_("Your contribution"),
        max_length=TEXT_MAX_LENGTH,
        rows=8,
        help_text=_("In any language. At most 5,000 characters."),
    )
    tags = IdMultipleChoiceField(
        label=_("Tags"),
        queryset=None,
        required=False,
        widget=LanguageMarkedCheckboxes,
    )
    language = forms.ChoiceField(
        label=_("Language of your text"),
        choices=LANGUAGE_CHOICES,
        initial="auto",
        widget=SpokenLanguageSelect,
    )
    pseudonym = SingleLineField(
        label=_("Name shown with it"),
        max_length=60,
        required=False,
        help_text=_("A first name or a pseudonym. Leave empty to stay anonymous."),
    )
    email = EmailAddressField(
        label=_("E-mail for updates"),
        required=False,
        help_text=_(
            "We write to you when something happens to your contribution. "
            "You confirm the address first and can unsubscribe with one click."
        ),
    )
    submission = SubmissionKeyField()

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.process = process
        if "altcha" in self.fields:  # the check goes last, above the send button
            self.fields["altcha"] = self.fields.pop("altcha")
        self.fields["field_of_action"].queryset = process.fields_of_action.order_by(
            "sort_order"
        )
        tags = process.tags.all()
        self.fields["tags"].queryset = tags
        if not tags.exists():
            del self.fields["tags"]
        self.fields["submission"].initial = new_submission_key()
        # No maxlength attribute: browsers cut a pasted title silently; the server
        # says what is too long and keeps it.
        self.fields["title"].widget.attrs.pop("maxlength", None)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("language") == "auto" and cleaned.get("text"):
            # From the text; the page's language (from its URL, not from anything
            # the form sends) only where the text says nothing.
            cleaned["language"] = detect_language(
                f"{cleaned.get('title', '')} {cleaned['text']}",
                fallback=get_language(),
            )
        return cleaned


class FilterForm(forms.Form):
    """The list's filters. Unknown values are dropped, never an error."""

    field = forms.CharField(required=False, max_length=80)
    kind = forms.ChoiceField(
        required=False, choices=[("", "")] + Contribution.Kind.choices
    )
    state = forms.ChoiceField(
        required=False,
        choices=[("", "")]
        + Contribution.Processing.choices
        + Statement.Outcome.choices,
    )
    language = forms.CharField(required=False, max_length=8)
    tag = forms.CharField(required=False, max_length=80)
    q = forms.CharField(required=False, max_length=200)
    sort = forms.ChoiceField(
        required=False,
        choices=[
            ("newest", _("Newest")),
            ("supported", _("Most supported")),
            ("discussed", _("Most discussed")),
        ],
    )

    def __init__(self, *args, fields=(), languages=(), tags=(), **kwargs):
        super().__init__(*args, **kwargs)
        # What the page offers; anything else in the address counts as "all", so
        # the result and the menus never contradict each other.
        self.known = {
            "field": {field.slug for field in fields},
            "language": set(languages),
            "tag": {tag.slug for tag in tags},
        }

    def took_every_value(self, filters) -> bool:
        """Whether the address holds nothing but these filters (and a page), each
        once, each a value the page offers (`filters`: what filters() made of
        them): no search text, nothing dropped."""
        if not self.is_bound:
            return True
        data = self.data
        if set(data) - {*self.fields, "page"} or any(
            len(data.getlist(name)) > 1 for name in data
        ):
            return False
        if data.get("q"):
            return False
        return all(
            str(getattr(filters, name)) == data[name]
            for name in data
            if name != "page" and data[name] != ""
        )

    def filters(self):
        """The valid filters; an unknown value counts as "all"."""
        from .selectors import ListFilters

        if not self.is_bound:
            return ListFilters()
        self.is_valid()
        values = {
            name: str(self.cleaned_data.get(name) or "").strip() for name in self.fields
        }
        for name, known in self.known.items():
            if values[name] not in known:
                values[name] = ""
        values["sort"] = values["sort"] or "newest"
        return ListFilters(**values)
