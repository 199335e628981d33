"""Residents' text placed into plain text: mails, subjects, <title>, attributes."""

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolate(value) -> str:
    """User text in plain text (a mail, a <title>, an attribute): each line between
    FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, the Unicode counterpart of
    <bdi>, so an Arabic title or a stray U+202E cannot reorder the text around it.
    Isolates end at a line break, hence one pair per line."""
    text = "" if value is None else str(value)
    return "\n".join(
        f"{FIRST_STRONG_ISOLATE}{line}{POP_DIRECTIONAL_ISOLATE}" if line else line
        for line in text.split("\n")
    )
