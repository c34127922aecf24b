"""Queueing a mail: one OutboundMail row, sent by a background task after commit."""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import make_msgid

from django.db import transaction
from django.db.models import F, Value
from django.utils import timezone

from anliegen.privacy.secrecy import NOT_SECRET
from anliegen.tickets.access import secrecy_of
from anliegen.tickets.models import Message, Ticket

from ..addresses import identity_for, reply_address
from ..models import InboundMail, OutboundMail


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def _thread_ids(ticket: Ticket) -> tuple[str, str]:
    """In-Reply-To and References: the mails of this ticket so far, oldest first (the
    citizen's, then ours); In-Reply-To is the citizen's latest mail. One query for all three."""
    src = ("source", "mid", "at", "pk")
    messages = (
        Message.objects.filter(ticket=ticket, email_message_id__isnull=False)
        .annotate(source=Value(0), mid=F("email_message_id"), at=F("created_at"))
        .values_list(*src)
        .order_by()  # a compound query takes no ORDER BY in its parts (sorted below)
    )
    ours = (
        OutboundMail.objects.filter(ticket=ticket)
        .annotate(source=Value(1), mid=F("message_id"), at=F("created_at"))
        .values_list(*src)
        .order_by()
    )
    received = (
        InboundMail.objects.filter(ticket=ticket, message__isnull=False)
        .annotate(source=Value(2), mid=F("message_id_header"), at=F("received_at"))
        .values_list(*src)
        .order_by()
    )
    rows = sorted(messages.union(ours, received, all=True), key=lambda r: (r[0], r[2], r[3]))
    clean = [mid for source, mid, _at, _pk in rows if source < 2 and mid and mid.startswith("<")]
    inbound = [mid for source, mid, _at, _pk in rows if source == 2]
    last_inbound = inbound[-1] if inbound else ""
    in_reply_to = last_inbound if last_inbound.startswith("<") else ""
    return in_reply_to or (clean[-1] if clean else ""), " ".join(clean[-10:])


def queue_mail(
    kind: str,
    ticket: Ticket | None,
    recipient: str,
    rendered: Rendered,
    *,
    has_tracking_link: bool = False,
    thread: bool = True,
) -> OutboundMail:
    """``thread=False`` for recipients who are not in the ticket's conversation (supporters):
    no In-Reply-To/References with the citizen's message ids."""
    identity = identity_for(ticket)
    in_reply_to, references = _thread_ids(ticket) if ticket and thread else ("", "")
    secrecy = secrecy_of(ticket) if ticket else NOT_SECRET
    mail = OutboundMail.objects.create(
        ticket=ticket,
        kind=kind,
        recipient=recipient,
        sender=identity.formatted,
        # Only citizens get the ticket's reply address: a colleague answering a notification
        # by mail must not end up as a citizen message in the ticket.
        reply_to=reply_address(ticket, identity) if ticket and kind.startswith("citizen.") else "",
        subject=rendered.subject[:300],
        body_text=rendered.text,
        body_html=rendered.html,
        has_tracking_link=has_tracking_link,
        message_id=make_msgid(domain=identity.address.partition("@")[2] or None),
        in_reply_to=in_reply_to,
        references=references,
        created_at=timezone.now(),
        sensitive=secrecy.sensitive,
        secrecy_unit_id=secrecy.unit_id,
    )
    from .tasks import send_outbound

    transaction.on_commit(lambda: send_outbound.enqueue(mail.pk))
    return mail
