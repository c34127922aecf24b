"""Mails to the citizen: receipt with tracking link, staff reply, question, status change."""

from __future__ import annotations

import logging

from anliegen.defects.actions import may_give_feedback
from anliegen.tickets.models import Message, Ticket
from anliegen.tickets.status import Status, public_status

from ..addresses import is_mailbox
from ..models import TRACKING_LINK_PLACEHOLDER
from .outbox import queue_mail
from .render import portal_url, render

logger = logging.getLogger(__name__)


def _queue(kind: str, ticket: Ticket, context: dict[str, object], *, link: bool = False) -> None:
    if not is_mailbox(ticket.contact_email):
        logger.info("no %s mail for ticket %s: %r is no mailbox", kind, ticket.pk,
                    ticket.contact_email)  # fmt: skip
        return
    # In the citizen's language when known (portal language, the mail's); else the site's.
    rendered = render(kind, context, ticket.contact_language or None)
    queue_mail(f"citizen.{kind}", ticket, ticket.contact_email, rendered, has_tracking_link=link)


def _base(ticket: Ticket) -> dict[str, object]:
    return {
        "ticket": ticket,
        "reference": ticket.reference,
        "sensitive": ticket.is_sensitive,
        "lost_link_url": portal_url("lost_link"),
    }


def notify_received(ticket: Ticket) -> None:
    """The receipt with the secret tracking link. The queued mail holds a placeholder; the
    sending job derives the link again, so no stored row ever contains it."""
    if not ticket.contact_email:
        return
    context = {**_base(ticket), "url": TRACKING_LINK_PLACEHOLDER}
    _queue("received", ticket, context, link=True)


def notify_new_link(ticket: Ticket) -> None:
    """The pending link asked for through "Link verloren?"; derived at send time like the
    receipt's (the mail's kind tells the sending job to take the pending nonce)."""
    context = {**_base(ticket), "url": TRACKING_LINK_PLACEHOLDER}
    _queue("new_link", ticket, context, link=True)


def notify_reply(ticket: Ticket, message: Message) -> None:
    """A staff member's public reply; a question when the ticket now waits for the citizen."""
    if not ticket.contact_email:
        return
    kind = "question" if ticket.status == "waiting_citizen" else "reply"
    context = {**_base(ticket), "body": message.body}
    _queue(kind, ticket, context)


def notify_status(ticket: Ticket, old: str, new: str) -> None:
    if not ticket.contact_email or public_status(old) == public_status(new):
        return  # internal moves (e.g. new → assigned) mean nothing to the citizen
    context = {**_base(ticket), "status": public_status(new)}
    # The closing mail asks „Wurde Ihr Anliegen gelöst?“ (once per ticket) with the
    # tracking link, where the answer is given.
    ask = new in {Status.RESOLVED, Status.CLOSED} and may_give_feedback(ticket)
    if ask:
        context.update(ask_feedback=True, url=TRACKING_LINK_PLACEHOLDER)
    _queue("status", ticket, context, link=ask)


def notify_external_text(ticket: Ticket, old: str, new: str, text: str) -> None:
    """A Fachverfahren's status text for the citizen. When the public status changed too,
    the status mail has already gone out; one update must not make two mails."""
    if not ticket.contact_email or not text or public_status(old) != public_status(new):
        return
    context = {**_base(ticket), "status": public_status(new), "detail": text}
    _queue("status", ticket, context)
