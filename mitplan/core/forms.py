"""Form rendering in KERN-UX markup: label, hint and error next to each field,
wired with aria-describedby so screen readers read them with the input."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, validate_email
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .addresses import UnusableAddress, canonical_email, clean_email
from .translation import translated_language


class KernFormRenderer(TemplatesSetting):
    form_template_name = "components/form.html"
    field_template_name = "components/form_field.html"

    @property
    def bound_field_class(self):
        # Every form rendered here (also allauth's) gets the summary's links.
        return KernBoundField


class KernBoundField(BoundField):
    # The template chooses markup by these, not by widget_type (a class name), so
    # subclassed widgets render like their parents.
    @property
    def is_choice_group(self) -> bool:
        return isinstance(self.field.widget, forms.RadioSelect)  # checkboxes too

    @property
    def is_checkbox(self) -> bool:
        return isinstance(self.field.widget, forms.CheckboxInput)

    @property
    def is_select(self) -> bool:
        return isinstance(self.field.widget, forms.Select) and not self.is_choice_group

    @property
    def first_input_id(self) -> str:
        """Where a link to this field should move focus: the first radio button or
        checkbox of a group, else the input itself."""
        if isinstance(self.field.widget, forms.RadioSelect):  # and its checkbox kin
            return f"{self.auto_id}_0"
        return self.auto_id

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        describedby = []
        if self.help_text:
            describedby.append(f"{self.auto_id}_helptext")
        if self.errors:
            describedby.append(f"{self.auto_id}_error")
        if describedby:
            attrs["aria-describedby"] = " ".join(describedby)
        # CheckboxSelectMultiple is a RadioSelect subclass in Django: test it first.
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            css = "kern-form-check__checkbox"
        elif isinstance(widget, forms.RadioSelect):
            css = "kern-form-check__radio"
        elif isinstance(widget, forms.Select):
            css = "kern-form-input__select"
        else:
            css = "kern-form-input__input"
        if self.errors:
            css += f" {css}--error"
        attrs["class"] = f"{css} {attrs.get('class', '')}".strip()
        return attrs


_thousands_separator = lazy(lambda: number_format(1000, force_grouping=True)[1:-3], str)


class ReadableMaxLengthValidator(MaxLengthValidator):
    """Django's length message, with numbers written as the hints write them
    ("5.000" in German, "5,000" in English)."""

    message = _("Please write at most %(limit)s characters; this has %(count)s.")

    def __call__(self, value):
        if len(value) > self.limit_value:
            raise ValidationError(
                self.message,
                code="max_length",
                params={
                    "limit": number_format(self.limit_value, force_grouping=True),
                    "count": number_format(len(value), force_grouping=True),
                },
            )


class KernForm(forms.Form):
    default_renderer = KernFormRenderer()
    bound_field_class = KernBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.validators = [
                ReadableMaxLengthValidator(validator.limit_value)
                if type(validator) is MaxLengthValidator
                else validator
                for validator in field.validators
            ]


class MultilineField(forms.CharField):
    """Free text from a textarea. Browsers count a line break as one character but
    send two (CR LF); normalise first so the limit means what the person saw. No
    maxlength attribute: the browser would cut pasted text silently, while the
    server explains and keeps it."""

    def __init__(self, *, rows: int = 6, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows, "dir": "auto"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        # Control characters other than line breaks and tabs (a form feed or an
        # escape pasted from a PDF or a terminal) show nothing and can upset mails
        # and exports: dropped, the rest kept.
        return "".join(
            char
            for char in value
            if char in "\n\t" or unicodedata.category(char) != "Cc"
        ).strip()

    def validate(self, value):
        super().validate(value)
        _refuse_invisible(value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        limit = attrs.pop("maxlength", None)
        if limit:
            # site.js shows a live count from these (without JavaScript the hint
            # and the server's message say the limit).
            attrs["data-limit"] = limit
            attrs["data-count-text"] = _("%(count)s of %(limit)s characters")
            attrs["data-over-text"] = _("%(over)s characters too many")
            # Numbers grouped as the server writes them in the reader's language
            # ("5.000", "5,000", "5 000" or "5000"); lazy: fields are built once.
            attrs["data-group"] = _thousands_separator()
        return attrs


class _MarksLanguageOfChoices:
    """Choices named by a translated field (a field of action, a tag) that are not
    translated yet are German: mark them so screen readers switch voice (WCAG
    3.1.2). `text_field` is the translated field the choice label shows."""

    def __init__(self, *args, text_field: str = "name", **kwargs):
        super().__init__(*args, **kwargs)
        self.text_field = text_field

    def create_option(self, name, value, label, selected, index, **kwargs):
        option = super().create_option(name, value, label, selected, index, **kwargs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            language = translated_language(instance, self.text_field)
            if language != get_language():
                option["label_lang"] = language
                option["attrs"] = {**option["attrs"], "lang": language, "dir": "ltr"}
        return option


class LanguageMarkedSelect(_MarksLanguageOfChoices, forms.Select):
    pass


class LanguageMarkedCheckboxes(_MarksLanguageOfChoices, forms.CheckboxSelectMultiple):
    pass


class _ChecksIds:
    """Choices by id that refuse anything but an id a database column holds, before
    asking the database (SQLite cannot even compare 10^23 with an integer)."""

    def _valid_id(self, value):
        from .parsing import parse_id

        if value in self.empty_values:
            return value
        if parse_id(str(value)) is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": str(value)[:20]},
            )
        return value


class IdField(forms.CharField):
    """A row's id in a hidden field (the comment answered, the report closed): plain
    digits of a database id or the `invalid` message; never Django's number
    parsing, which takes "٣", "3_3" and "33.0" too."""

    widget = forms.HiddenInput

    def to_python(self, value):
        from .parsing import parse_id

        value = super().to_python(value)
        if value in self.empty_values:
            return None
        parsed = parse_id(value)
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class IdChoiceField(_ChecksIds, forms.ModelChoiceField):
    def to_python(self, value):
        return super().to_python(self._valid_id(value))


class IdMultipleChoiceField(_ChecksIds, forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value or []:
            try:
                self._valid_id(item)
            except ValidationError:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(item)[:20]},
                ) from None
        return super()._check_values(value)


# Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): in a title they
# can make "evil" show as "live"; the pages isolate user text themselves.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What shows nothing: format characters (zero-width space, joiners, marks), spaces,
# combining marks without a base.
# Unassigned code points (Cn) and private use (Co) have no glyph in any font a
# reader has: browsers draw nothing or an empty box.
_INVISIBLE_CATEGORIES = {"Cf", "Zs", "Zl", "Zp", "Mn", "Me", "Cc", "Cn", "Co", "Cs"}
# Letters and symbols that are drawn blank (Hangul fillers, the blank Braille cell,
# the object replacement character, the null notehead): a title of them looks empty though no
# category says so.
_BLANK_CHARACTERS = set("\u115f\u1160\u3164\uffa0\u2800\ufffc\U0001d159")


def shows_nothing(char: str) -> bool:
    return unicodedata.category(char) in _INVISIBLE_CATEGORIES or (
        char in _BLANK_CHARACTERS
    )


def _refuse_invisible(value: str) -> None:
    """Text that shows nothing (only spaces, zero-width and bidi marks) is no text."""
    if value and all(shows_nothing(char) for char in value):
        raise ValidationError(
            _("This shows no visible character. Please write it in words."),
            code="invisible",
        )


class SingleLineField(forms.CharField):
    """One line of a person's text: a title, a name, a subject. Line breaks and other
    control characters are refused (they could forge lines in mails and the admin),
    bidirectional controls are dropped, and text that shows nothing is refused."""

    def to_python(self, value):
        value = super().to_python(value)
        return BIDI_CONTROLS.sub("", value).strip()

    def widget_attrs(self, widget):
        # Typed in any language: the field takes the direction of what is typed.
        return {**super().widget_attrs(widget), "dir": "auto"}

    def validate(self, value):
        super().validate(value)
        # Line and paragraph separators (U+2028, U+2029) break a line as CR/LF do.
        if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in value):
            raise ValidationError(
                _("Please use only letters, digits and punctuation."), code="control"
            )
        _refuse_invisible(value)


class EmailAddressField(forms.EmailField):
    """An e-mail address in its one canonical spelling (see core.addresses), with
    nothing invisible in it: a zero-width character or a full-width domain makes
    another string for the same mailbox, which would pass a limit per address."""

    def to_python(self, value):
        # "ü" typed as u + combining diaeresis (macOS, some phones) is "ü".
        value = unicodedata.normalize("NFC", super().to_python(value))
        if any(shows_nothing(char) for char in value):
            return value  # refused in validate(): IDNA would quietly drop it
        try:
            return canonical_email(value) if value else value
        except UnusableAddress:
            return value  # refused in validate(), in the person's language

    def validate(self, value):
        super().validate(value)
        if any(shows_nothing(char) for char in value):
            raise ValidationError(validate_email.message, code="invalid")
        if value:
            clean_email(value)
