"""Select widgets rendered in Python.

Django renders every <option> through a template include; the workspace's service and unit
pickers hold hundreds of options, which made form rendering most of an inbox or ticket page's
time at any database size. These widgets give the same markup from the same widget context.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def _render(widget: forms.Select, name: str, value: Any, attrs: dict[str, Any] | None) -> str:
    context = widget.get_context(name, value, attrs)["widget"]
    parts = [f'<select name="{escape(context["name"])}"{flatatt(context["attrs"])}>']
    for group, options, _index in context["optgroups"]:
        if group:
            parts.append(f'<optgroup label="{escape(group)}">')
        for option in options:
            # Only "selected" is set on plain options; flatatt is slow for hundreds of rows.
            selected = " selected" if option["selected"] else ""
            parts.append(
                f'<option value="{escape(str(option["value"]))}"{selected}>'
                f"{escape(option['label'])}</option>"
            )
        if group:
            parts.append("</optgroup>")
    parts.append("</select>")
    return "".join(parts)


class FastSelect(forms.Select):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        return mark_safe(_render(self, name, value, attrs))  # noqa: S308 - parts escaped


class FastSelectMultiple(forms.SelectMultiple):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        return mark_safe(_render(self, name, value, attrs))  # noqa: S308 - parts escaped


def fast(widget: forms.Widget) -> forms.Widget:
    """The Python-rendered twin of a plain Select or SelectMultiple, else ``widget`` itself."""
    kinds: dict[type[forms.Widget], type[forms.Select]] = {
        forms.Select: FastSelect,
        forms.SelectMultiple: FastSelectMultiple,
    }
    twin = kinds.get(type(widget))
    if twin is None:
        return widget
    new = twin(attrs=widget.attrs)
    new.is_required = widget.is_required
    return new
