"""Forgetting cached reads when the data behind them changes."""

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction

from . import pagecache


def forget_now_and_after_commit(forget: Callable[[], None]) -> None:
    """Run `forget` now, and again once the surrounding transaction commits: a reader
    between the two would otherwise cache the state from before the change."""
    forget()
    transaction.on_commit(forget)


def cached_until_data_changes(key: str, compute: Callable[[], Any], *, timeout=None):
    """`compute()`, kept in the shared cache until any data a page shows changes
    (the page cache's data version, see core.pagecache) or `timeout` seconds
    pass: one cache round trip when kept, and no app needs to know which of its
    writes to forget it for. `timeout` may be a function of the value (a list
    that moves on when its first event ends)."""
    found = cache.get_many([pagecache.VERSION_KEY, key])
    current = found.get(pagecache.VERSION_KEY)
    if current is None:
        current = pagecache.version()
    entry = found.get(key)
    if entry is not None and entry[0] == current:
        return entry[1]
    value = compute()
    seconds = timeout(value) if callable(timeout) else timeout
    cache.set(key, (current, value), pagecache.TIMEOUT if seconds is None else seconds)
    return value
