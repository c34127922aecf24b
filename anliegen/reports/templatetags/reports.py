from django import template
from django.utils.translation import gettext as _

from anliegen.organization.models import User

from ..figures import may_see_reports

register = template.Library()


@register.simple_tag
def can_see_reports(user: User) -> bool:
    return may_see_reports(user)


@register.filter
def hours(value: float | None) -> str:
    """A duration in hours as people read it: "≤ 5 h" or "≤ 3 Tage"."""
    if value is None:
        return "–"
    if value == float("inf"):
        return _("mehr als 90 Tage")
    if value <= 48:
        return _("≤ %(n)s Std.") % {"n": f"{value:g}"}
    return _("≤ %(n)s Tage") % {"n": f"{value / 24:g}"}
