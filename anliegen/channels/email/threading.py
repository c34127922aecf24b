"""Which ticket a mail belongs to: reply address, then In-Reply-To/References, then subject."""

from __future__ import annotations

from anliegen.core.refnum import parse_reference
from anliegen.tickets.models import Message, Ticket

from .addresses import token_from
from .models import OutboundMail, ReplyAddress
from .parsing import ParsedMail


def find_ticket(mail: ParsedMail, envelope: list[str]) -> tuple[Ticket | None, str]:
    """The ticket and how it was found ("reply_address", "references", "subject"), or None."""
    for address in [*envelope, *mail.recipients]:
        token = token_from(address)
        if token:
            found = ReplyAddress.objects.filter(token=token).select_related("ticket").first()
            if found:
                return _final(found.ticket), "reply_address"
    ids = [*mail.in_reply_to, *reversed(mail.references)]
    if ids:
        for message_id in ids:
            ticket = _by_message_id(message_id)
            if ticket is not None:
                return _final(ticket), "references"
    reference = parse_reference(mail.subject)
    if reference:
        # A reference number is printed on letters and easy to learn, so it threads only
        # mails from the ticket's own contact address; anything else opens a new ticket.
        ticket = Ticket.objects.filter(
            reference=reference, contact_email__iexact=mail.sender
        ).first()
        if ticket is not None and mail.sender:
            return _final(ticket), "subject"
    return None, ""


def _by_message_id(message_id: str) -> Ticket | None:
    message = Message.objects.filter(email_message_id=message_id).select_related("ticket").first()
    if message is not None:
        return message.ticket
    outbound = OutboundMail.objects.filter(
        message_id=message_id, ticket__isnull=False, kind__startswith="citizen."
    ).first()
    return outbound.ticket if outbound else None


def _final(ticket: Ticket) -> Ticket:
    """Follow merges, so that answers to a duplicate land in the ticket that lives on."""
    seen = {ticket.pk}
    while ticket.merged_into_id and ticket.merged_into_id not in seen:
        seen.add(ticket.merged_into_id)
        assert ticket.merged_into is not None
        ticket = ticket.merged_into
    return ticket
