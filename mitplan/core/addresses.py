"""One spelling per mailbox. An address can be written many ways that reach the
same mailbox (full-width letters, upper case, a Unicode domain and its xn-- form);
limits per address and subscriptions key on the one canonical spelling, or a
client could lift a limit by re-spelling the address."""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

# RFC 5321: a local part has at most 64 octets, an address at most 254.
LOCAL_PART_MAX = 64


class UnusableAddress(ValueError):
    pass


def canonical_email(address: str) -> str:
    """The address as one string per mailbox: NFKC (full-width letters become their
    ASCII twins), the domain as IDNA maps it (xn-- and Unicode spellings alike end
    up as the Unicode form), all in lower case. Raises
    UnusableAddress for what no mail server delivers to: no '@', an empty or too
    long or quoted local part, a domain IDNA refuses, an address literal like
    [127.0.0.1]."""
    text = unicodedata.normalize("NFKC", (address or "").strip())
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain:
        raise UnusableAddress("no local part or domain")
    if '"' in local or "\\" in local:
        # "x"@ and "\x"@ reach the mailbox of x@: one more spelling of it. No one
        # needs quotes to get mail about a city's plan.
        raise UnusableAddress("quoted local part")
    if len(local.encode("utf-8")) > LOCAL_PART_MAX:
        raise UnusableAddress("local part too long")
    if domain.startswith("["):
        raise UnusableAddress("address literal")
    try:
        # Python's IDNA codec maps (nameprep) as mail clients do: case, width,
        # ideographic full stops. Back from ASCII, the domain reads as its owner
        # writes it (bücher.de, not xn--bcher-kva.de): one spelling either way,
        # and mail to it is sent in the ASCII form.
        ascii_domain = domain.rstrip(".").encode("idna")
        shown_domain = ascii_domain.decode("idna")
    except UnicodeError:
        raise UnusableAddress("domain not IDNA") from None
    return f"{local}@{shown_domain}".lower()


def clean_email(address: str) -> str:
    """canonical_email for forms: a ValidationError in the person's language."""
    try:
        return canonical_email(address)
    except UnusableAddress:
        # Django's own message, translated by Django's catalogs.
        raise ValidationError(validate_email.message, code="invalid") from None
