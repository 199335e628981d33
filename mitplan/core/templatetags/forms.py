"""The error summary of any form (ours and allauth's alike)."""

from django import template

register = template.Library()


@register.filter
def fields_to_correct(form) -> list:
    """The visible fields with errors, for the summary's links (the honeypot has its
    own message)."""
    return [
        field
        for field in form.visible_fields()
        if field.errors and field.name != "website"
    ]


@register.filter
def hidden_field_errors(form) -> list:
    """Errors of hidden fields (an expired form key, say), shown above the form."""
    return [error for field in form.hidden_fields() for error in field.errors]
