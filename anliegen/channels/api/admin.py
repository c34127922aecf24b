from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from .models import ApiToken
from .tokens import new_secret


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ["name", "prefix", "can_write", "is_active", "last_used_at"]
    list_filter = ["can_write", "is_active"]
    filter_horizontal = ["offices"]
    readonly_fields = ["prefix", "created_at", "created_by", "last_used_at"]

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        secret = new_secret(obj)
        obj.created_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)
        # Only the hash is kept: this message is the one chance to copy the key.
        messages.warning(
            request,
            _("Neuer API-Schlüssel (wird nur jetzt angezeigt): %(key)s") % {"key": secret},
        )
