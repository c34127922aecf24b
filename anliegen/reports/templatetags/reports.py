from django import template

from anliegen.organization.models import User

from ..figures import may_see_reports

register = template.Library()


@register.simple_tag
def can_see_reports(user: User) -> bool:
    return may_see_reports(user)
