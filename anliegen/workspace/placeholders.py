"""Fill text module placeholders. Plain replacement, not str.format: a stray brace in a
letter must not break it, and format's attribute access must never reach model fields."""

from __future__ import annotations

from anliegen.tickets.models import Ticket


def fill(body: str, ticket: Ticket) -> str:
    values = {
        "{name}": ticket.contact_name or "",
        "{reference}": ticket.reference,
        "{office}": str(ticket.org_unit) if ticket.org_unit else "",
        "{service}": str(ticket.service) if ticket.service else "",
    }
    for placeholder, value in values.items():
        body = body.replace(placeholder, value)
    return body
