"""The forms residents fill in: one page of a survey (built from its questions),
the access code, and the last step that sends. They turn what was typed into the
normalised answers of answers.py; the service checks the whole response again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mitplan.core.altcha import ProofOfWorkMixin
from mitplan.core.forms import KernForm, MultilineField, SingleLineField
from mitplan.core.spam import SpamGuardMixin
from mitplan.core.submissions import SubmissionKeyField

from . import answers as answer_rules
from .answers import DONT_KNOW, OTHER
from .models import Question


def field_name(question, part: str = "") -> str:
    return f"q_{question.code}__{part}" if part else f"q_{question.code}"


# What _value() answers for a question it has already put an error on.
_REFUSED = object()


class _CheckedAsAWhole:
    """A field of a question: marked required when the question is (so the page
    does not call it optional), but an empty answer is left to PageForm.clean(),
    which asks for the question once, in one message."""

    def validate(self, value):
        if value in self.empty_values:
            return
        super().validate(value)


class _ChoiceField(_CheckedAsAWhole, forms.ChoiceField):
    pass


class _MultipleChoiceField(_CheckedAsAWhole, forms.MultipleChoiceField):
    pass


class _NumberField(_CheckedAsAWhole, forms.CharField):
    pass


class _LineField(_CheckedAsAWhole, SingleLineField):
    pass


class _TextField(_CheckedAsAWhole, MultilineField):
    pass


class PageForm(KernForm):
    """The questions of one page that are shown, given the earlier answers.
    `initial_answers`: what the person answered before (draft), to fill in."""

    def __init__(self, *args, questions, initial_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        given = initial_answers or {}
        others = given.get(OTHER) or {}
        for question in questions:
            self._add_fields(
                question, given.get(question.code), others.get(question.code)
            )

    def _add_fields(self, question, value, other_text):
        name = field_name(question)
        common = {
            "label": question.text,
            "help_text": question.help_text,
            # Marked on the page; checked per question in clean(), in one message.
            "required": question.is_required,
        }
        kind = question.kind
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
            choices = [(c.code, c.label) for c in question.options()]
            if question.allows_other:
                choices.append((OTHER, question.other_label or _("Other, namely …")))
            if kind == Question.Kind.SINGLE:
                self.fields[name] = _ChoiceField(
                    choices=choices, widget=forms.RadioSelect, initial=value, **common
                )
            else:
                self.fields[name] = _MultipleChoiceField(
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    initial=value,
                    **common,
                )
            if question.allows_other:
                self.fields[field_name(question, "other")] = SingleLineField(
                    label=_('"Other": please say what'),
                    required=False,
                    max_length=answer_rules.OTHER_TEXT_MAX,
                    initial=other_text,
                )
        elif kind == Question.Kind.SCALE:
            choices = []
            for number in question.scale_values():
                label = str(number)
                if number == question.scale_min and question.scale_min_label:
                    label = f"{number} – {question.scale_min_label}"
                elif number == question.scale_max and question.scale_max_label:
                    label = f"{number} – {question.scale_max_label}"
                choices.append((str(number), label))
            if question.allows_dont_know:
                choices.append((DONT_KNOW, _("Don't know")))
            self.fields[name] = _ChoiceField(
                choices=choices,
                widget=forms.RadioSelect,
                initial=None if value is None else str(value),
                **common,
            )
        elif kind == Question.Kind.MATRIX:
            options = [(c.code, c.label) for c in question.options()]
            for item in question.items():
                self.fields[field_name(question, item.code)] = _ChoiceField(
                    label=item.label,
                    choices=options,
                    widget=forms.RadioSelect,
                    required=question.is_required,
                    initial=(value or {}).get(item.code),
                )
                # The question's legend says "optional" once for all its lines.
                self.fields[field_name(question, item.code)].is_part = True
        elif kind == Question.Kind.RANKING:
            options = question.options()
            places = [("", "–")] + [
                (str(n), str(n)) for n in range(1, len(options) + 1)
            ]
            order = list(value or [])
            for option in options:
                place = order.index(option.code) + 1 if option.code in order else ""
                self.fields[field_name(question, option.code)] = _ChoiceField(
                    label=_("Place for: %(answer)s") % {"answer": option.label},
                    choices=places,
                    required=question.is_required,
                    initial=str(place),
                )
                self.fields[field_name(question, option.code)].is_part = True
        elif kind == Question.Kind.NUMBER:
            hint = question.help_text
            self.fields[name] = _NumberField(
                label=f"{question.text} ({question.unit})"
                if question.unit
                else question.text,
                help_text=hint,
                required=question.is_required,
                max_length=20,
                initial=value,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
            )
        elif kind == Question.Kind.SHORT_TEXT:
            self.fields[name] = _LineField(
                max_length=answer_rules.SHORT_TEXT_MAX, initial=value, **common
            )
        else:
            self.fields[name] = _TextField(
                max_length=answer_rules.LONG_TEXT_MAX, initial=value, **common
            )

    def groups(self):
        """(question, [bound fields]) in order, for the template: a matrix or a
        ranking is a group of fields under one heading."""
        return [
            (question, [self[name] for name in self._names(question)])
            for question in self.questions
        ]

    def clean(self):
        data = super().clean()
        self.answers = {}
        others = {}
        for question in self.questions:
            name = field_name(question)
            if self._has_errors(question):
                continue  # one message per question: the field's own says it
            value = self._value(question, data)
            if value is _REFUSED:
                continue
            typed_other = (data.get(field_name(question, "other")) or "").strip()
            if question.allows_other and typed_other:
                # Text in "other, namely …" means "other", ticked or not: what
                # was typed is never dropped in silence.
                if question.kind == Question.Kind.MULTIPLE:
                    value = [
                        *(value or []),
                        *([] if OTHER in (value or []) else [OTHER]),
                    ]
                elif value in (None, ""):
                    value = OTHER
            if value in (None, "", [], {}):
                if question.is_required:
                    self._error(question, _("Please answer this question."))
                continue
            try:
                self.answers[question.code] = answer_rules.check_value(question, value)
            except ValueError as refusal:
                self._error(question, str(refusal))
                continue
            chose_other = value == OTHER or (isinstance(value, list) and OTHER in value)
            other = (data.get(field_name(question, "other")) or "").strip()
            if field_name(question, "other") in self.errors:
                continue  # its own message says what is wrong with it
            if question.allows_other and chose_other:
                if not other:
                    self.add_error(
                        field_name(question, "other"),
                        _('Please say what "other" means.'),
                    )
                else:
                    others[question.code] = other
            elif question.allows_other and other and name in self.fields:
                self.add_error(
                    field_name(question, "other"),
                    _('Please also choose "other", or leave this field empty.'),
                )
        if others:
            self.answers[OTHER] = others
        return data

    def _value(self, question, data):
        kind = question.kind
        if kind == Question.Kind.MATRIX:
            return {
                item.code: data[field_name(question, item.code)]
                for item in question.items()
                if data.get(field_name(question, item.code))
            }
        if kind == Question.Kind.RANKING:
            places = {
                option.code: data.get(field_name(question, option.code)) or ""
                for option in question.options()
            }
            if not any(places.values()):
                return None
            if not all(places.values()):
                message = (
                    _("Please give every answer a place, 1 to %(count)d.")
                    if question.is_required
                    else _(
                        "Please give every answer a place, 1 to %(count)d, or leave "
                        "them all empty."
                    )
                )
                self._error(question, message % {"count": len(places)})
                return _REFUSED
            if len(set(places.values())) != len(places):
                self._error(
                    question,
                    _("Please give each answer its own place, 1 to %(count)d.")
                    % {"count": len(places)},
                )
                return _REFUSED
            return sorted(places, key=lambda code: int(places[code]))
        if kind == Question.Kind.NUMBER:
            return (data.get(field_name(question)) or "").strip() or None
        return data.get(field_name(question))

    def _names(self, question) -> list[str]:
        prefix = field_name(question)
        return [n for n in self.fields if n == prefix or n.startswith(f"{prefix}__")]

    def _has_errors(self, question) -> bool:
        """Whether a field of the question was refused already (a choice not
        offered, a text too long), before the question as a whole is checked."""
        other = field_name(question, "other")
        return any(n in self.errors for n in self._names(question) if n != other)

    def _error(self, question, message):
        """Errors go on the question's first field (a matrix: its first item)."""
        name = field_name(question)
        if name not in self.fields:
            name = next(n for n in self.fields if n.startswith(f"{name}__"))
        self.add_error(name, message)


class AccessCodeForm(KernForm):
    code = SingleLineField(
        label=_("Access code"),
        help_text=_("It is printed on your invitation, e.g. K7PX-2M9Q-RT."),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "dir": "ltr"}),
    )


class SendForm(ProofOfWorkMixin, SpamGuardMixin):
    """The review step's button: spam guard and a one-time key, so a double click,
    a resend or "back and send again" stores one response; over the send limit of
    an address (a school, a town hall's tablet) a short proof of work instead of a
    refusal."""

    submission = SubmissionKeyField()
