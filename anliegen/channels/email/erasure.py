"""What the e-mail channel keeps about a ticket, removed with the ticket's personal data."""

from __future__ import annotations

from .models import InboundMail, OutboundMail


def erase_ticket_mail(ticket_id: int) -> int:
    """Raw received mails (with their bounces) and the log of mails sent for the ticket.

    The raw bytes hold every address, name and attachment of the mail; the ticket's messages
    keep the (redacted) text, so nothing the statistics need is lost.
    """
    inbound, _ = InboundMail.objects.filter(ticket_id=ticket_id).delete()
    outbound, _ = OutboundMail.objects.filter(ticket_id=ticket_id).delete()
    return inbound + outbound
