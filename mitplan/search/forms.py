from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import MAX_QUERY_LENGTH


class SearchForm(forms.Form):
    # Django's CharField refuses NUL characters with a message of its own.
    q = forms.CharField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "class": "kern-form-input__input", "size": 30}
        ),
    )
