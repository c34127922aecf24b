"""What the ticket page shows of the mail channel: the HTML and the folded quoted history of
each inbound mail, and delivery failures to the ticket's contact address."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef
from django.db.models.expressions import BaseExpression
from django.db.models.functions import Upper
from django.utils.safestring import SafeString, mark_safe

from anliegen.core.jsonrows import JSONRows, when
from anliegen.tickets.models import Message, Ticket

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


def mail_columns() -> dict[str, BaseExpression]:
    """For the ticket page's messages query: the stored mail each message came from."""
    mail = InboundMail.objects.filter(message=OuterRef("pk")).order_by("pk")[:1]
    return {"mail_rows": JSONRows(mail, html="html", text="text", subject="subject")}


def mail_view(message: Message) -> MailView | None:
    """What the mail adds to a message read with ``mail_columns`` (None: nothing)."""
    for row in getattr(message, "mail_rows", None) or []:
        html, text = row["html"] or "", row["text"] or ""
        # Sanitised again on display: rows stored under an older, laxer rule set stay safe.
        clean = sanitise(html) if html.strip() else ""
        quoted = split_quoted(text, row["subject"] or "")[1] if text else ""
        if clean or quoted:
            return MailView(mark_safe(clean), quoted)  # noqa: S308 - nh3-cleaned
    return None


def bounce_columns(limit: int = 5) -> dict[str, BaseExpression]:
    """For the ticket read: the latest delivery failures to its contact address."""
    rows = (
        Bounce.objects.alias(key=Upper("address"))
        .filter(key=Upper(OuterRef("contact_email")))
        .exclude(address="")
        .order_by("-created_at")[:limit]
    )
    return {
        "bounce_rows": JSONRows(
            rows,
            at="created_at",
            is_permanent="is_permanent",
            status="status",
            diagnostic="diagnostic",
        )
    }


def bounces_of(ticket: Ticket) -> list[BounceView]:
    """The failures read with ``bounce_columns``, newest first."""
    return [
        BounceView(
            when(b["at"]) or ticket.created_at,
            bool(b["is_permanent"]),
            b["status"],
            (b["diagnostic"] or "")[:300],
        )
        for b in getattr(ticket, "bounce_rows", None) or []
        if ticket.contact_email
    ]


def bounces_for(ticket: Ticket, limit: int = 5) -> list[BounceView]:
    """The latest delivery failures of mails to the ticket's contact address, newest first."""
    if not ticket.contact_email:
        return []
    rows = Bounce.objects.filter(address__iexact=ticket.contact_email).order_by("-created_at")
    return [
        BounceView(b.created_at, b.is_permanent, b.status, b.diagnostic[:300]) for b in rows[:limit]
    ]
