"""Mails to staff: assigned, consulted, overdue (escalation), citizen replied."""

from __future__ import annotations

from collections.abc import Iterable

from anliegen.organization.models import Membership, User
from anliegen.tickets.models import Ticket

from .outbox import queue_mail
from .render import render, workspace_url


def _send(kind: str, ticket: Ticket, users: Iterable[User], **extra: object) -> int:
    sent = 0
    seen: set[str] = set()
    for user in users:
        address = (user.email or "").strip().lower()
        if not address or not user.is_active or address in seen:
            continue
        seen.add(address)
        context = {
            "ticket": ticket,
            "reference": ticket.reference,
            "sensitive": ticket.is_sensitive,
            "url": workspace_url(ticket.pk),
            "user": user,
            **extra,
        }
        queue_mail(f"staff.{kind}", ticket, address, render(f"staff_{kind}", context))
        sent += 1
    return sent


def unit_members(unit_id: int | None) -> list[User]:
    if unit_id is None:
        return []
    return [m.user for m in Membership.objects.filter(org_unit_id=unit_id).select_related("user")]


def notify_assigned(ticket: Ticket) -> int:
    return _send("assigned", ticket, [ticket.assignee] if ticket.assignee else [])


def notify_consulted(ticket: Ticket, unit_id: int, question: str) -> int:
    return _send("consulted", ticket, unit_members(unit_id), question=question)


def notify_overdue(ticket: Ticket, user_ids: list[int], step: str) -> int:
    return _send("overdue", ticket, User.objects.filter(pk__in=user_ids), step=step)


def notify_citizen_replied(ticket: Ticket) -> int:
    users = [ticket.assignee] if ticket.assignee else unit_members(ticket.org_unit_id)
    return _send("citizen_replied", ticket, users)
