"""Sign-in backend: Django's ModelBackend, reading with the user on every request what each
staff page asks about them anyway (data protection role, a confirmed authenticator app), so
that neither costs a query of its own (issue 16, point 11)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice

from anliegen.organization.models import User

from .roles import DPO_GROUP, ROLE_FLAGS


class StaffBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        groups = User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name=DPO_GROUP)
        devices = TOTPDevice.objects.filter(user_id=OuterRef("pk"), confirmed=True)
        user = (
            User._default_manager.annotate(
                **{ROLE_FLAGS["dpo"]: Exists(groups), ROLE_FLAGS["device"]: Exists(devices)}
            )
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
