"""Wagtail's audit log, with who did it: staff by their account, residents' own
steps (and the platform's) with no account behind them."""


def acting_account(actor):
    """The account to name in the log: None for anonymous residents or the platform."""
    return actor if getattr(actor, "is_authenticated", False) else None
