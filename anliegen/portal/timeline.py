"""What the citizen may see of a ticket's history: public events and public messages only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from anliegen.tickets.models import EventKind, Message, Ticket, TicketEvent
from anliegen.tickets.status import public_status


@dataclass(frozen=True)
class Entry:
    at: datetime
    title: str
    body: str = ""
    attachments: tuple[str, ...] = ()
    from_citizen: bool = False


def _event_title(event: TicketEvent) -> str | None:
    if event.kind == EventKind.CREATED:
        return _("Anliegen eingegangen")
    if event.kind == EventKind.STATUS_CHANGED:
        return _("Status: %(status)s") % {"status": public_status(event.data["new"]).label}
    if event.kind == EventKind.MERGED:
        return _("Mit einem gleichen Anliegen zusammengeführt")
    if event.kind == EventKind.EXTERNAL_STATUS:
        return _("Neuer Stand aus dem Fachverfahren")
    return None  # messages are listed from Message itself; other events are internal


def public_timeline(ticket: Ticket) -> list[Entry]:
    """Newest first. Never internal notes, never staff names (only the office speaks)."""
    entries: list[Entry] = []
    for event in ticket.events.filter(is_public=True):
        title = _event_title(event)
        if title:
            entries.append(Entry(event.created_at, title))
    office = ticket.org_unit.name if ticket.org_unit else _("Stadtverwaltung")
    public_messages = ticket.messages.exclude(kind=Message.Kind.INTERNAL_NOTE).prefetch_related(
        "attachments"
    )
    for message in public_messages:
        citizen = message.kind == Message.Kind.CITIZEN
        entries.append(
            Entry(
                message.created_at,
                _("Ihre Nachricht")
                if citizen
                else _("Antwort von: %(office)s") % {"office": office},
                message.body,
                tuple(a.filename for a in message.attachments.all()),
                citizen,
            )
        )
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries
