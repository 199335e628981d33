from django import template

register = template.Library()


@register.filter
def credit(text: str) -> str:
    """A credit line with one ©, whether or not the editor typed it."""
    text = (text or "").strip()
    if not text or text.startswith("©"):
        return text
    return f"© {text}"
