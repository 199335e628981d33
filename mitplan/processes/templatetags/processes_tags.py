from django import template

from mitplan.processes.forms import SPOKEN_LANGUAGES

register = template.Library()


@register.filter
def spoken_language_names(codes) -> list[tuple[str, str]]:
    """[("tr", "Türkçe"), …]: each language named in itself, for residents to find theirs."""
    return [(code, SPOKEN_LANGUAGES.get(code, code)) for code in codes or []]
