import json

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mitplan.core.i18n import (
    per_language_fields,
    per_language_values,
    site_languages,
    texts_of,
)

from .services import NOTICE_MAX_LENGTH


class StatusNoticeForm(forms.Form):
    """A public notice in every language; German is the source."""

    def __init__(self, *args, notice_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        per_language_fields(
            self,
            "notice",
            site_languages(),
            lambda code: forms.CharField(
                label=names[code],
                required=notice_required and code == settings.LANGUAGE_CODE,
                max_length=NOTICE_MAX_LENGTH,
                error_messages={
                    "max_length": _(
                        "At most %(limit_value)d characters fit (this text has "
                        "%(show_value)d). Shorten it and link to a page for the "
                        "details."
                    )
                },
                widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
            ),
        )

    @classmethod
    def for_change(cls, change, data=None):
        """The form filled with a published change's notice, to correct it."""
        initial = {
            f"notice_{code}": text for code, text in texts_of(change, "notice").items()
        }
        return cls(
            data,
            initial=initial,
            notice_required=change.status == "paused",
        )

    def notices(self) -> dict[str, str]:
        return per_language_values(self, "notice", site_languages())


class ResumeForm(StatusNoticeForm):
    shift_phases = forms.BooleanField(
        label=_("Move the remaining phases by the length of the pause"),
        required=False,
        initial=False,
    )


# Languages an advisor may speak, each named in itself (as residents look for them).
SPOKEN_LANGUAGES = {
    "de": "Deutsch",
    "en": "English",
    "ar": "العربية",
    "bg": "Български",
    "ro": "Română",
    "tr": "Türkçe",
    "ru": "Русский",
    "pl": "Polski",
    "uk": "Українська",
    "fa": "فارسی",
    "ku": "Kurdî",
    "ps": "پښتو",
    "ti": "ትግርኛ",
    "so": "Soomaali",
    "sq": "Shqip",
    "sr": "Srpski",
    "hr": "Hrvatski",
    "bs": "Bosanski",
    "el": "Ελληνικά",
    "it": "Italiano",
    "es": "Español",
    "pt": "Português",
    "fr": "Français",
    "vi": "Tiếng Việt",
    "zh": "中文",
    "ur": "اردو",
    "hi": "हिन्दी",
}


class SpokenLanguagesWidget(forms.CheckboxSelectMultiple):
    """Checkboxes for a JSON list of language codes."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=list(SPOKEN_LANGUAGES.items()))

    def format_value(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                value = []
        return super().format_value(value or [])
