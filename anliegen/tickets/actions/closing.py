"""Undoing the citizen's "Mein Anliegen ist erledigt" for a while."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anliegen.core.errors import InvalidTransition

from ..actors import Actor
from ..models import EventKind, Ticket, TicketEvent
from ..status import Status
from ._common import lock, require_work
from .workflow import transition

UNDO_WITHIN = timedelta(days=14)


def _last_status_change(ticket: Ticket) -> TicketEvent | None:
    return (
        TicketEvent.objects.filter(ticket_id=ticket.pk, kind=EventKind.STATUS_CHANGED)
        .order_by("-created_at", "-pk")
        .first()
    )


def _undoable(ticket: Ticket, last: TicketEvent | None) -> bool:
    """The latest status change is the citizen's own close, and not older than 14 days: once
    staff have moved the ticket (reopened, closed it themselves), the undo is theirs."""
    return (
        ticket.status == Status.CLOSED
        and last is not None
        and last.actor_label == Actor.citizen().label
        and last.data.get("new") == Status.CLOSED
        and timezone.now() - last.created_at <= UNDO_WITHIN
    )


def citizen_close_undo_until(ticket: Ticket) -> datetime | None:
    """Until when the citizen may take back their close; None when they may not."""
    last = _last_status_change(ticket)
    if last is None or not _undoable(ticket, last):
        return None
    return last.created_at + UNDO_WITHIN


def undo_citizen_close(ticket: Ticket, actor: Actor, *, note: str = "") -> Ticket:
    """Put the ticket back in the status it had before the citizen closed it."""
    with transaction.atomic():
        ticket = lock(ticket)
        require_work(actor, ticket)
        last = _last_status_change(ticket)
        if not actor.is_citizen or last is None or not _undoable(ticket, last):
            raise InvalidTransition(
                _(
                    "Das Beenden lässt sich nicht mehr rückgängig machen. Schreiben Sie uns "
                    "bitte, wenn Sie noch etwas brauchen."
                )
            )
        previous = Status(str(last.data.get("old") or Status.IN_PROGRESS))
        ticket.closed_at = None
        transition(ticket, actor, previous, note=note, checked=False)
    return ticket
