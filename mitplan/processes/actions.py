"""What residents can do in a process, declared by the apps that serve it.

Each participation app declares its resident actions (send a contribution, comment,
support; next: answer a survey, register for an event) in its AppConfig.ready with
`add_actions`. A phase stores the codes of the actions it allows (validated against
this registry), the admin offers them as checkboxes, the API names them, and
`processes.participation` decides from them what is open now.

A code is stored in the database and named in the API: never rename one.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Action:
    code: str  # "contributions": stored in phases, named in the API
    label: str  # the admin's checkbox: "residents can send contributions"
    order: int = 100


_actions: dict[str, Action] = {}


def add_actions(*actions: Action) -> None:
    for action in actions:
        taken = _actions.get(action.code)
        if taken is not None and taken != action:
            raise ImproperlyConfigured(
                f"Resident action {action.code!r} is declared twice."
            )
        _actions[action.code] = action


def declared() -> list[Action]:
    """Every declared action, in the order the admin shows them."""
    return sorted(_actions.values(), key=lambda action: (action.order, action.code))


def codes() -> list[str]:
    return [action.code for action in declared()]


def choices() -> list[tuple[str, str]]:
    return [(action.code, action.label) for action in declared()]


def validate_codes(value) -> None:
    """A phase's actions: a list of declared codes, each once."""
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        raise ValidationError(_("Choose the actions from the list."), code="invalid")
    unknown = sorted(set(value) - set(_actions))
    if unknown:
        raise ValidationError(
            _("Unknown resident actions: %(codes)s."),
            code="unknown",
            params={"codes": ", ".join(unknown)},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Each action once, please."), code="repeated")
