"""Writing the audit log. Every action and every audited read calls ``record``."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import AuditEvent


def record(
    actor_label: str,
    action: str,
    *,
    actor_id: int | None = None,
    ticket_id: int | None = None,
    **detail: Any,
) -> AuditEvent:
    return AuditEvent.objects.create(
        created_at=timezone.now(),
        actor_id=actor_id,
        actor_label=actor_label[:150],
        action=action,
        ticket_id=ticket_id,
        detail=detail,
    )
