"""Live figures that apps lend to editorial pages.

An article can show one of an app's live figures: the current interim results of
one survey question, say. The block that embeds a figure is cms's "live result",
and cms sits above the participation apps without importing them (its models must
not), so the apps register what they can embed here, in their AppConfig.ready:
- `add_embed_kind(EmbedKind(...))` names a kind ("survey") and how to list, check
  and render its figures;
- a block stores one figure as "<kind>:<key>" ("survey:12/welcome"): the key is the
  kind's own, opaque to everybody else;
- `embed_choices()` is what the editor picks from, `embed_problem(value)` why a
  value cannot be chosen (or ""), `embed_render(value, request=…)` the HTML.

A figure that is gone (its kind no longer registered, its survey or question
deleted) renders as "": the block says in a sentence that it is no longer
available, and the page that embeds it stays up.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

SEPARATOR = ":"
# What the editor and the reader are told about a figure that is gone.
GONE = _("This live result is no longer available.")


@dataclass(frozen=True)
class EmbedKind:
    """One kind of live figure. choices(): [(key, label)] of what can be embedded
    now, for the editor; problem(key): why that key cannot be embedded, or "";
    render(key, request=…): the figure's HTML, saying in words why when it cannot
    be shown (results hidden, too few answers), or "" when it is gone."""

    name: str
    label: str
    choices: Callable[[], list[tuple[str, str]]]
    problem: Callable[[str], str]
    render: Callable[..., str]


_kinds: dict[str, EmbedKind] = {}


def add_embed_kind(kind: EmbedKind) -> None:
    if SEPARATOR in kind.name:
        raise ValueError(f"An embed kind's name has no {SEPARATOR!r}: {kind.name!r}")
    _kinds[kind.name] = kind


def embed_value(kind: str, key: str) -> str:
    """What a block stores for the figure `key` of `kind`."""
    return f"{kind}{SEPARATOR}{key}"


def _split(value) -> tuple[EmbedKind | None, str]:
    name, _sep, key = str(value or "").partition(SEPARATOR)
    return _kinds.get(name), key


def embed_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every figure that can be embedded, grouped by kind (optgroups of a select)."""
    groups = []
    for kind in sorted(_kinds.values(), key=lambda k: str(k.label)):
        options = [
            (embed_value(kind.name, key), label) for key, label in kind.choices()
        ]
        if options:
            groups.append((kind.label, options))
    return groups


def embed_problem(value) -> str:
    """Why `value` cannot be embedded (for the editor), or "" if it can."""
    kind, key = _split(value)
    if kind is None:
        return str(GONE)
    return kind.problem(key)


def embed_render(value, *, request=None) -> SafeString | str:
    """The figure's HTML, or "" when it is gone."""
    kind, key = _split(value)
    if kind is None:
        return ""
    return kind.render(key, request=request)
