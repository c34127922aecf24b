from typing import Any

from django import template

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


@register.filter
def attr_id(field: Any, prefix: str) -> Any:
    """Render a bound field with an id unique on a page that holds several action forms."""
    return field.as_widget(attrs={"id": f"{prefix}-{field.auto_id}"})


@register.simple_tag
def is_data_protection_officer(user: User) -> bool:
    """For the header's link to the data protection pages (asked once per request)."""
    return is_dpo(user)
