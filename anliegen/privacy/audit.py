"""Writing the audit log. Every action and every audited read calls ``record``."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import AuditEvent
from .secrecy import NOT_SECRET, Secrecy


def mark_secret(ticket_id: int, secrecy: Secrecy) -> int:
    """After routing made a ticket sensitive or moved a sensitive one to another office:
    every row about it gets that secrecy (only these two columns change). Rows are never
    made public again: what was written under secrecy stays under it."""
    if not secrecy.sensitive:
        return 0
    return AuditEvent.objects.filter(ticket_id=ticket_id).update(
        sensitive=secrecy.sensitive, secrecy_unit_id=secrecy.unit_id
    )


def record(
    actor_label: str,
    action: str,
    *,
    actor_id: int | None = None,
    ticket_id: int | None = None,
    secrecy: Secrecy | None = None,
    **detail: Any,
) -> AuditEvent:
    """Add one row. A row about a ticket must pass the ticket's ``secrecy``
    (``tickets.access.secrecy_of``), so that it is hidden like the ticket; forgetting it is
    an error, not a silently public row."""
    if secrecy is None:
        if ticket_id is not None:
            raise ValueError("An audit row about a ticket needs the ticket's secrecy.")
        secrecy = NOT_SECRET
    return AuditEvent.objects.create(
        created_at=timezone.now(),
        actor_id=actor_id,
        actor_label=actor_label[:150],
        action=action,
        ticket_id=ticket_id,
        detail=detail,
        sensitive=secrecy.sensitive,
        secrecy_unit_id=secrecy.unit_id,
    )
