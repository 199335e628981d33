"""The privacy registry: every app declares the personal data it keeps, and how to
export, erase and expire it. "Download my data", account deletion and
`manage.py apply_retention` walk the registry, so a new app (surveys, events) adds
its data by declaring it in its own `privacy.py`, and nothing else changes.

A declaration names the model fields it covers ("app_label.Model.field"); a test walks
every model and fails for a user reference or an e-mail field that no declaration
covers, so personal data cannot be added without saying what happens to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Person:
    """Whose data: a signed-in resident and every e-mail address of theirs (data
    such as subscriptions is kept by address, not by account)."""

    user: object
    addresses: frozenset[str]


@dataclass(frozen=True)
class PersonalData:
    """One kind of personal data an app keeps.

    name: its key in the download ("contributions"); order: where it stands in the
    download and in which order erasure and expiry run (erasing what refers to
    others first). export(person) returns what the download shows (None: nothing to
    show, e.g. staff records); erase(person) removes or anonymises it when the
    account is deleted; expire() deletes what is past its retention time and returns
    how many, said as `expired` ("{count} unconfirmed subscription(s)").
    why: for data kept without export or erasure, the reason (shown in the docs and
    the coverage test's message)."""

    name: str
    fields: tuple[str, ...]
    order: int = 100
    export: Callable[[Person], object] | None = None
    erase: Callable[[Person], None] | None = None
    expire: Callable[[], int] | None = None
    expired: str = ""
    why: str = ""


_registry: dict[str, PersonalData] = {}
_discovered = False


def register(declaration: PersonalData) -> PersonalData:
    if declaration.name in _registry and _registry[declaration.name] != declaration:
        raise ValueError(f"Personal data {declaration.name!r} is declared twice.")
    if not (declaration.export or declaration.erase or declaration.why):
        raise ValueError(
            f"Personal data {declaration.name!r}: export or erase it, or say why not."
        )
    _registry[declaration.name] = declaration
    return declaration


def declarations() -> list[PersonalData]:
    """Every declaration, in order; the apps' `privacy` modules are imported on the
    first call."""
    global _discovered
    if not _discovered:
        autodiscover_modules("privacy")
        _discovered = True
    return sorted(_registry.values(), key=lambda d: (d.order, d.name))


def covered_fields() -> set[str]:
    return {name for d in declarations() for name in d.fields}


def export(person: Person) -> dict:
    return {d.name: d.export(person) for d in declarations() if d.export}


def erase(person: Person) -> None:
    """Run every erasure; the caller holds the transaction and deletes the account
    afterwards."""
    for declaration in declarations():
        if declaration.erase:
            declaration.erase(person)


def expire() -> list[tuple[PersonalData, int]]:
    return [(d, d.expire()) for d in declarations() if d.expire]
