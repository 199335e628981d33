from django import template

from mitplan.processes.forms import SPOKEN_LANGUAGES

register = template.Library()


@register.filter
def spoken_language_names(codes) -> list[tuple[str, str]]:
    """[("tr", "Türkçe"), …]: each language named in itself, for residents to find theirs."""
    return [(code, SPOKEN_LANGUAGES.get(code, code)) for code in codes or []]


@register.filter
def tel_href(number: str) -> str:
    """What a phone dials: "+49 (0)511 168-12345" → "+4951116812345"."""
    number = number or ""
    international = number.strip().startswith("+")
    if international:
        number = number.replace("(0)", "")
    digits = "".join(char for char in number if char.isdigit())
    return f"+{digits}" if international else digits


@register.simple_tag
def process_notices(process):
    """{% process_notices process as notices %}: what the apps' notice sources say
    every page of the process shows (see processes.notices)."""
    from mitplan.processes.notices import notices_for

    return notices_for(process)
