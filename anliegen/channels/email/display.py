"""What the ticket page shows of the mail channel: the HTML and the folded quoted history of
each inbound mail, and delivery failures to the ticket's contact address."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.safestring import SafeString, mark_safe

from anliegen.tickets.models import Ticket

from .models import Bounce, InboundMail
from .parsing.html import sanitise
from .parsing.quotes import split_quoted


@dataclass(frozen=True)
class MailView:
    html: SafeString
    quoted: str


@dataclass(frozen=True)
class BounceView:
    at: datetime
    is_permanent: bool
    status: str
    diagnostic: str


def mails_by_message(ticket: Ticket) -> dict[int, MailView]:
    """Ticket message id → the stored mail it came from (only mails that add something)."""
    views: dict[int, MailView] = {}
    rows = InboundMail.objects.filter(ticket=ticket, message__isnull=False).values_list(
        "message_id", "html", "text", "subject"
    )
    for message_id, html, text, subject in rows:
        # Sanitised again on display: rows stored under an older, laxer rule set stay safe.
        clean = sanitise(html) if html.strip() else ""
        quoted = split_quoted(text, subject)[1] if text else ""
        if clean or quoted:
            views[message_id] = MailView(mark_safe(clean), quoted)  # noqa: S308 - nh3-cleaned
    return views


def bounces_for(ticket: Ticket, limit: int = 5) -> list[BounceView]:
    """The latest delivery failures of mails to the ticket's contact address, newest first."""
    if not ticket.contact_email:
        return []
    rows = Bounce.objects.filter(address__iexact=ticket.contact_email).order_by("-created_at")
    return [
        BounceView(b.created_at, b.is_permanent, b.status, b.diagnostic[:300]) for b in rows[:limit]
    ]
