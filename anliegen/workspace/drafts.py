"""Drafts of replies and notes, per clerk and ticket (issue 16, point 6): saved while the clerk
types, restored on return, dropped once sent. A draft is the clerk's own unsent text, not part
of the ticket's record: no timeline row, no audit row, never shown to anyone else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef
from django.db.models.expressions import BaseExpression

from anliegen.core.jsonrows import JSONRows, when
from anliegen.organization.models import User
from anliegen.tickets.models import Ticket

from .models import Draft

MAX_LENGTH = 20_000


@dataclass(frozen=True)
class Saved:
    body: str
    updated_at: datetime | None


def save(user: User, ticket_id: int, kind: str, body: str) -> None:
    """Keep ``body`` as the draft; an emptied box leaves no draft behind."""
    if not body.strip():
        discard(user, ticket_id, kind)
        return
    Draft.objects.update_or_create(
        user=user, ticket_id=ticket_id, kind=kind, defaults={"body": body[:MAX_LENGTH]}
    )


def discard(user: User, ticket_id: int, kind: str) -> None:
    Draft.objects.filter(user=user, ticket_id=ticket_id, kind=kind).delete()


def columns(user: User) -> dict[str, BaseExpression]:
    """The user's drafts of a ticket, read along with the ticket (no query of their own)."""
    mine = Draft.objects.filter(user=user, ticket=OuterRef("pk")).order_by("kind")
    return {"draft_rows": JSONRows(mine, kind="kind", body="body", updated_at="updated_at")}


def of(ticket: Ticket) -> dict[str, Saved]:
    rows = getattr(ticket, "draft_rows", None) or []
    return {row["kind"]: Saved(row["body"], when(row["updated_at"])) for row in rows}
