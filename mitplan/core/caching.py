"""Forgetting cached reads when the data behind them changes."""

from collections.abc import Callable

from django.db import transaction


def forget_now_and_after_commit(forget: Callable[[], None]) -> None:
    """Run `forget` now, and again once the surrounding transaction commits: a reader
    between the two would otherwise cache the state from before the change."""
    forget()
    transaction.on_commit(forget)
