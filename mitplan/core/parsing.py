"""Numbers and slugs from addresses and forms, parsed in one place.

Python's `str.isdigit()` accepts "²" and "٣" (which `int()` then refuses or reads),
`int()` accepts numbers no database column holds, and PostgreSQL refuses NUL bytes
in text. Everything a client puts in an address goes through these, so that odd
input is an ordinary "not found" or "no filter", never a server error."""

import re

# The largest id a signed 64-bit column holds (BigAutoField on SQLite and PostgreSQL).
MAX_ID = 2**63 - 1
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


def parse_int(value, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """An integer written with ASCII digits only, within [minimum, maximum];
    None for anything else (superscripts, other scripts' digits, signs, NULs,
    overlong or out of range)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if minimum <= value <= maximum else None
    if not isinstance(value, str) or not _ASCII_DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


def parse_id(value) -> int | None:
    """A database id (1 … 2^63-1), or None."""
    return parse_int(value, minimum=1)


def parse_slug(value) -> str | None:
    """A slug as our URLs write them (ASCII letters, digits, - and _), or None."""
    if isinstance(value, str) and _SLUG.fullmatch(value):
        return value
    return None
