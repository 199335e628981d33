from django import forms
from django.utils.translation import gettext_lazy as _

from mitplan.core.forms import KernForm

from .selectors import MAX_QUERY_LENGTH


class SearchForm(KernForm):
    q = forms.CharField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "size": 30,
                "autocomplete": "off",
            }
        ),
    )
