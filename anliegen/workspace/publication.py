"""What the ticket page shows of a defect report's public side: whether it is public, the
approved description (or a suggestion to start from), and how many are affected too."""

from __future__ import annotations

from dataclasses import dataclass

from anliegen.defects import nearby, public, scrub, streets
from anliegen.defects.models import PublicText, Support
from anliegen.tickets.models import Message, Ticket


@dataclass(frozen=True)
class Facts:
    public: bool
    text: str
    supporters: int
    merged_in: int  # of the supporters: citizens of later duplicates merged into this one
    nearby: list[nearby.Nearby]  # earlier open reports close by: candidates to merge into


def facts(ticket: Ticket) -> Facts | None:
    """None for tickets that are no defect reports."""
    if ticket.service is None or ticket.service.kind != "defect":
        return None
    approved = PublicText.objects.filter(ticket_id=ticket.pk).first()
    supports = Support.objects.filter(ticket_id=ticket.pk)
    return Facts(
        public=public.published().filter(pk=ticket.pk).exists(),
        text=approved.text if approved else "",
        supporters=supports.count(),
        merged_in=supports.exclude(merged_from="").count(),
        nearby=_earlier_nearby(ticket),
    )


def _earlier_nearby(ticket: Ticket) -> list[nearby.Nearby]:
    """Open reports filed before this one near its point: a later duplicate is merged into
    the earlier report (its citizen becomes a supporter there)."""
    if ticket.latitude is None or ticket.longitude is None or ticket.service is None:
        return []
    found = nearby.find(
        ticket.latitude,
        ticket.longitude,
        service=ticket.service,
        street=streets.known_street_in(ticket.location_text),
        exclude_id=ticket.pk,
    )
    return [n for n in found if n.report.created_at <= ticket.created_at]


def draft_text(ticket: Ticket) -> str:
    """The approved text, or the citizen's first message without personal data."""
    if ticket.service is None or ticket.service.kind != "defect":
        return ""
    approved = PublicText.objects.filter(ticket_id=ticket.pk).first()
    if approved:
        return approved.text
    first = ticket.messages.filter(kind=Message.Kind.CITIZEN).order_by("created_at").first()
    return scrub.suggest(first.body if first else "", names=[ticket.contact_name])
