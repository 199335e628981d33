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
        # CheckboxSelectMultiple is a RadioSelect subclass in Django: test it first.
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            css = "kern-form-check__checkbox"
        elif isinstance(widget, forms.RadioSelect):
            css = "kern-form-check__radio"
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

    def hidden_errors(self):
        """Errors of hidden fields (e.g. an expired form key), shown above the form."""
        return [error for field in self.hidden_fields() for error in field.errors]


class MultilineField(forms.CharField):
    """Free text from a textarea. Browsers count a line break as one character but
    send two (CR LF); normalise first so the limit means what the person saw. No
    maxlength attribute: the browser would cut pasted text silently, while the
    server explains and keeps it."""

    def __init__(self, *, rows: int = 6, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": rows, "dir": "auto"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs
