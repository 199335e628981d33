"""Form rendering in KERN-UX markup: label, hint and error next to each field,
wired with aria-describedby so screen readers read them with the input."""

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting


class KernFormRenderer(TemplatesSetting):
    form_template_name = "components/form.html"
    field_template_name = "components/form_field.html"


class KernBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        describedby = []
        if self.help_text:
            describedby.append(f"{self.auto_id}_helptext")
        if self.errors:
            describedby.append(f"{self.auto_id}_error")
        if describedby:
            attrs["aria-describedby"] = " ".join(describedby)
        if isinstance(widget, forms.CheckboxInput):
            css = "kern-form-check__checkbox"
        elif isinstance(widget, forms.Select):
            css = "kern-form-input__select"
        else:
            css = "kern-form-input__input"
        if self.errors:
            css += f" {css}--error"
        attrs["class"] = f"{css} {attrs.get('class', '')}".strip()
        return attrs


class KernForm(forms.Form):
    default_renderer = KernFormRenderer()
    bound_field_class = KernBoundField
