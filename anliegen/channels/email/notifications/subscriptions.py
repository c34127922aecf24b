"""Domain events → notifications. Handlers only queue OutboundMail rows (sending is a task
scheduled on commit). The receipt and a reissued link are queued inside the action's
transaction, so a crash right after the commit cannot lose them; the rest after commit."""

from __future__ import annotations

from anliegen.core.events import DomainEvent, subscribe, subscribe_in_transaction
from anliegen.defects.models import Support
from anliegen.tickets.access import secrecy_of
from anliegen.tickets.models import Consultation, Message, Ticket

from ..models import InboundMail, OutboundMail
from . import citizen, staff, supporters


def _ticket(event: DomainEvent) -> Ticket | None:
    return Ticket.objects.select_related("assignee", "org_unit").filter(pk=event.ticket_id).first()


def on_created(event: DomainEvent) -> None:
    """The receipt with the tracking link, for every channel: create_ticket announces the
    ticket, no interface sends the receipt itself."""
    ticket = _ticket(event)
    if ticket is not None:
        citizen.notify_received(ticket)


def on_token_reissued(event: DomainEvent) -> None:
    """A new tracking link goes to the contact address only: the pending one of "Link
    verloren?", or the one staff reissued. A pending link taken into use sends nothing."""
    ticket = _ticket(event)
    if ticket is None or event.data.get("activated"):
        return
    if event.data.get("pending"):
        citizen.notify_new_link(ticket)
    else:
        citizen.notify_received(ticket)


def on_message_added(event: DomainEvent) -> None:
    # The event names the message's kind: an internal note reads nothing, a citizen's message
    # only the ticket (for the assignee), a public reply the message too.
    kind = event.data.get("message_kind")
    if kind not in (Message.Kind.PUBLIC_REPLY, Message.Kind.CITIZEN):
        return
    ticket = _ticket(event)
    if ticket is None:
        return
    if kind == Message.Kind.CITIZEN:
        staff.notify_citizen_replied(ticket)
        return
    message = Message.objects.filter(pk=int(event.data.get("message_id") or 0)).first()
    if message is not None:
        citizen.notify_reply(ticket, message)


def on_status_changed(event: DomainEvent) -> None:
    ticket = _ticket(event)
    if ticket is not None:
        old, new = str(event.data.get("old", "")), str(event.data.get("new", ""))
        citizen.notify_status(ticket, old, new)
        supporters.notify_status(ticket, old, new)


def on_external_status(event: DomainEvent) -> None:
    ticket = _ticket(event)
    if ticket is not None:
        citizen.notify_external_text(
            ticket,
            str(event.data.get("old", "")),
            str(event.data.get("new", "")),
            str(event.data.get("text", "")),
        )


def on_assigned(event: DomainEvent) -> None:
    ticket = _ticket(event)
    if ticket is not None and event.data.get("assignee"):
        staff.notify_assigned(ticket)


def on_consultation(event: DomainEvent) -> None:
    ticket = _ticket(event)
    if ticket is None:
        return
    consultation = Consultation.objects.filter(
        pk=int(event.data.get("consultation_id") or 0)
    ).first()
    if consultation is not None:
        staff.notify_consulted(ticket, consultation.org_unit_id, consultation.question)


def on_escalated(event: DomainEvent) -> None:
    """Contract with the escalation job: data {"step": …, "recipient_ids": [user ids]}."""
    ticket = _ticket(event)
    ids = [int(i) for i in event.data.get("recipient_ids", [])]
    if ticket is not None and ids:
        staff.notify_overdue(ticket, ids, str(event.data.get("step", "overdue")))


def on_routed(event: DomainEvent) -> None:
    """The mails of a ticket that routing put under secrecy (or moved to another secret
    office) follow it, sent and received, like its audit rows (privacy.audit.mark_secret);
    never back."""
    ticket = _ticket(event)
    if ticket is not None and ticket.is_sensitive:
        secrecy = secrecy_of(ticket)
        for log in (OutboundMail, InboundMail):
            log.objects.filter(ticket=ticket).update(
                sensitive=True, secrecy_unit_id=secrecy.unit_id
            )


def on_supported(event: DomainEvent) -> None:
    """A new supporter of a defect report gets the confirmation with their own link."""
    ticket = _ticket(event)
    support = Support.objects.filter(pk=int(event.data.get("support_id") or 0)).first()
    if ticket is not None and support is not None:
        supporters.notify_supported(ticket, support)


def connect() -> None:
    subscribe_in_transaction("ticket.created", on_created)
    subscribe_in_transaction("ticket.token_reissued", on_token_reissued)
    subscribe("ticket.routed", on_routed)
    subscribe("ticket.message_added", on_message_added)
    subscribe("ticket.status_changed", on_status_changed)
    subscribe("ticket.external_status", on_external_status)
    subscribe("ticket.assigned", on_assigned)
    subscribe("ticket.consultation_requested", on_consultation)
    subscribe("ticket.escalated", on_escalated)
    subscribe("defect.supported", on_supported)
