from django import template

from mitplan.core.translation import translated_language

register = template.Library()


@register.filter
def shown_language(obj, field: str) -> str:
    """{{ field|shown_language:"description" }} → "de" where not translated yet."""
    return translated_language(obj, field)
