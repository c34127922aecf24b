"""A catalogue source's HTML (DLDB, XZuFi descriptions) shown as the source wrote it."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from anliegen.catalog.imports.text import sanitise

register = template.Library()


@register.filter
def source_html(raw: str) -> SafeString:
    # Sanitised on import already; sanitised again here because an admin may edit the field,
    # and nh3 costs microseconds.
    return mark_safe(sanitise(raw))  # noqa: S308 - nh3 removed every tag and attribute not allowed
