from typing import Any

from django import forms, template
from django.utils.html import format_html

from anliegen.organization.models import User
from anliegen.privacy.roles import is_dpo

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` in templates, None if absent."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


KERN_CLASSES = {
    "select": "kern-form-input__select",
    "checkbox": "kern-form-check__checkbox",
    "radio": "kern-form-check__radio",
}


@register.filter
def attr_id(field: Any, prefix: str) -> Any:
    """Render a bound field with an id unique on a page that holds several action forms, in
    KERN's input style (a single select in KERN's wrapper that draws its arrow)."""
    widget = field.field.widget
    kind = getattr(widget, "input_type", None) or (
        "select" if isinstance(widget, forms.Select) else "text"
    )
    if isinstance(widget, forms.SelectMultiple):
        kind = "multiple"
    attrs = {"id": f"{prefix}-{field.auto_id}"}
    css = KERN_CLASSES.get(kind, "kern-form-input__input")
    if kind != "hidden" and css not in str(widget.attrs.get("class", "")):
        attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
    if field.errors:
        attrs["aria-invalid"] = "true"
    html = field.as_widget(attrs=attrs)
    if kind == "select":
        return format_html('<span class="kern-form-input__select-wrapper">{}</span>', html)
    return html


@register.simple_tag
def is_data_protection_officer(user: User) -> bool:
    """For the header's link to the data protection pages (asked once per request)."""
    return is_dpo(user)
