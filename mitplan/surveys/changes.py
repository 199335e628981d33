"""Which edits of a survey would corrupt the answers it has: once responses exist,
a question keeps its code, kind and scale, and a choice its code and its place
among the answers; nothing that was answered is removed. Wording and translations
stay open to correction, and new questions can be added."""

from django.utils.translation import gettext as _

from .models import Choice

# What the stored answers and the tallies depend on, per kind of question.
_SCALE = ("scale_min", "scale_max")
_NUMBER = ("number_min", "number_max")


def _shape(question) -> dict:
    shape = {"kind": question.kind, "code": question.code}
    if question.kind == "scale":
        shape.update({f: getattr(question, f) for f in _SCALE})
        shape["allows_dont_know"] = question.allows_dont_know
    if question.has_choices:
        shape["allows_other"] = question.allows_other
    return shape


def _codes(question, role) -> list[str]:
    return [c.code for c in question.choices.all() if c.role == role]


def change_refusals(before: list, after: list) -> list[str]:
    """Why the edited questions `after` may not replace `before` (the stored
    questions, with their choices), in the active language; [] if they may.
    Questions are matched by id: a question's code is part of its meaning."""
    refusals = []
    edited = {q.pk: q for q in after if q.pk}
    for old in before:
        new = edited.get(old.pk)
        if new is None:
            refusals.append(
                _("Question %(code)s has answers: it cannot be removed.")
                % {"code": old.code}
            )
            continue
        was, now = _shape(old), _shape(new)
        if was["code"] != now["code"]:
            refusals.append(
                _("Question %(code)s has answers: its code cannot change.")
                % {"code": old.code}
            )
        if was["kind"] != now["kind"]:
            refusals.append(
                _("Question %(code)s has answers: its kind cannot change.")
                % {"code": old.code}
            )
        elif was != now:
            refusals.append(
                _(
                    "Question %(code)s has answers: its scale and its "
                    "“other” or “don't know” answers cannot change."
                )
                % {"code": old.code}
            )
        if old.kind == "number" and any(
            getattr(old, f) != getattr(new, f) for f in _NUMBER
        ):
            refusals.append(
                _(
                    "Question %(code)s has answers: its range cannot change "
                    "(answers given could fall outside it)."
                )
                % {"code": old.code}
            )
        old_options, new_options = (
            _codes(old, Choice.Role.OPTION),
            _codes(new, Choice.Role.OPTION),
        )
        old_items, new_items = (
            _codes(old, Choice.Role.ITEM),
            _codes(new, Choice.Role.ITEM),
        )
        if old_options != new_options or old_items != new_items[: len(old_items)]:
            refusals.append(
                _(
                    "Question %(code)s has answers: its answers cannot be removed, "
                    "renamed, reordered or added to (a matrix can get new lines). "
                    "Correct their wording only."
                )
                % {"code": old.code}
            )
    return refusals
