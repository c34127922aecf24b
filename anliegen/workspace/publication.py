"""What the ticket page shows of a defect report's public side: whether it is public, the
approved description (or a suggestion to start from), and how many are affected too."""

from __future__ import annotations

from dataclasses import dataclass

from anliegen.defects import public, scrub
from anliegen.defects.models import PublicText, Support
from anliegen.tickets.models import Message, Ticket


@dataclass(frozen=True)
class Facts:
    public: bool
    text: str
    supporters: int


def facts(ticket: Ticket) -> Facts | None:
    """None for tickets that are no defect reports."""
    if ticket.service is None or ticket.service.kind != "defect":
        return None
    approved = PublicText.objects.filter(ticket_id=ticket.pk).first()
    return Facts(
        public=public.published().filter(pk=ticket.pk).exists(),
        text=approved.text if approved else "",
        supporters=Support.objects.filter(ticket_id=ticket.pk).count(),
    )


def draft_text(ticket: Ticket) -> str:
    """The approved text, or the citizen's first message without personal data."""
    if ticket.service is None or ticket.service.kind != "defect":
        return ""
    approved = PublicText.objects.filter(ticket_id=ticket.pk).first()
    if approved:
        return approved.text
    first = ticket.messages.filter(kind=Message.Kind.CITIZEN).order_by("created_at").first()
    return scrub.suggest(first.body if first else "", names=[ticket.contact_name])
