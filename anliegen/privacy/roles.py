"""Who is the data protection officer: members of the group "Datenschutz"."""

from __future__ import annotations

from anliegen.core.memo import remembered
from anliegen.organization.models import User

DPO_GROUP = "Datenschutz"
#: Attributes the sign-in backend (privacy.backends) sets on the signed-in user.
ROLE_FLAGS = {"dpo": "in_dpo_group", "device": "has_confirmed_device"}


def is_dpo(user: User) -> bool:
    """Asked once per request (the header, the need-to-know rule and the pages all ask)."""
    if not user.is_active:
        return False
    known = getattr(user, ROLE_FLAGS["dpo"], None)
    if known is not None:
        return bool(known)
    return remembered(("is_dpo", user.pk), lambda: user.groups.filter(name=DPO_GROUP).exists())
