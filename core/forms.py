"""Helpers for pages: a ServiceError's field messages go next to the matching inputs; the input a
去完善 link or an error points at is focused; a select with one real option comes chosen; a select
rendered without a template per option."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from .errors import ServiceError


def add_service_error(form: forms.Form, error: ServiceError) -> None:
    placed = False
    for field, messages in error.errors.items():
        for message in messages:
            if field in form.fields:
                form.add_error(field, message)
                placed = True
            else:
                form.add_error(None, message)
                placed = True
    if not placed or not error.errors:
        form.add_error(None, error.detail)


def focus_field(form: forms.Form, name: str | None) -> bool:
    """Give the input of `name` the autofocus (the field a 去完善 link or an error points at).
    False when the form has no such visible field. Only one input of a page should get it."""
    field = form.fields.get(name or "")
    if field is None or field.widget.is_hidden:
        return False
    field.widget.attrs["autofocus"] = True
    return True


def focus_first_error(form: forms.Form) -> bool:
    """Focus the first field (in the form's order) with an error; False when none has one."""
    if not form.is_bound:
        return False
    return any(name in form.errors and focus_field(form, name) for name in form.fields)


def real_choices(choices) -> list[tuple[str, str]]:
    """The options of a select that stand for a value (the "请选择" placeholder left out)."""
    return [(str(value), label) for value, label in choices if str(value) != ""]


def preselect_single(form: forms.Form, *names: str) -> None:
    """A select with exactly one real option comes with it chosen (issue 11 item 21): shown
    selected, and for a bound form put into its data and cleaned data as if chosen, so what the
    page shows is what is saved. A value already given is never changed."""
    for name in names:
        field = form.fields.get(name)
        if field is None:
            continue
        options = real_choices(getattr(field.widget, "choices", []))
        if len(options) != 1:
            continue
        value = options[0][0]
        key = form.add_prefix(name)
        if form.is_bound:
            if form.data.get(key) not in (None, ""):
                continue
            data = form.data.copy()
            data[key] = value
            form.data = data
            cleaned = getattr(form, "cleaned_data", None)
            if cleaned is not None:
                cleaned[name] = value
        elif form.initial.get(name) in (None, ""):
            form.initial[name] = value


class PlainSelect(forms.Select):
    """A <select> rendered in Python. Django renders every <option> through a template (about
    0.1 ms each); a queue's filter form has over a hundred, on a page that answers in 50 ms.
    Grouped choices fall back to Django's rendering."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(self.choices)
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)
        selected = set(self.format_value(value))
        final = {**self.build_attrs(self.attrs, attrs), "name": name}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) in selected else "", label)
                for key, label in ((str(k if k is not None else ""), lbl) for k, lbl in choices)
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


def text_area(label: str, *, max_length: int, rows: int = 5, help_text: str = "") -> forms.CharField:
    """A long text input (opinions, reasons, notes): not required by the form — the service says
    what is missing — kept as typed (the service cleans it), with its length limit shown."""
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        help_text=help_text or f"最多 {max_length} 个字。",
        widget=forms.Textarea(attrs={"rows": rows, "maxlength": str(max_length)}),
    )
