"""Who is the data protection officer: members of the group "Datenschutz"."""

from __future__ import annotations

from anliegen.organization.models import User

DPO_GROUP = "Datenschutz"


def is_dpo(user: User) -> bool:
    return bool(user.is_active and user.groups.filter(name=DPO_GROUP).exists())
