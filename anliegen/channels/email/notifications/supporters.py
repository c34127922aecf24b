"""Mails to supporters of a defect report ("Ich bin auch betroffen"): the confirmation with
their own link, and the report's public status changes. They are not the ticket's citizen:
no reply address, no thread with the citizen's mails, only public fields."""

from __future__ import annotations

from anliegen.defects.actions import support_token
from anliegen.defects.models import Support
from anliegen.tickets.models import Ticket
from anliegen.tickets.status import public_status

from ..addresses import is_mailbox
from ..models import TRACKING_LINK_PLACEHOLDER
from .outbox import queue_mail
from .render import render

KIND_PREFIX = "supporter."


def _queue(kind: str, ticket: Ticket, support: Support, context: dict[str, object]) -> None:
    if not is_mailbox(support.email):
        return
    rendered = render(
        f"supporter_{kind}",
        {"reference": ticket.reference, "url": TRACKING_LINK_PLACEHOLDER, **context},
    )
    queue_mail(
        KIND_PREFIX + kind, ticket, support.email, rendered, has_tracking_link=True, thread=False
    )


def notify_supported(ticket: Ticket, support: Support) -> None:
    _queue("confirmed", ticket, support, {"status": public_status(ticket.status)})


def notify_status(ticket: Ticket, old: str, new: str) -> None:
    """Everyone who follows the report, when its public status changed."""
    if ticket.is_sensitive or public_status(old) == public_status(new):
        return
    for support in Support.objects.filter(ticket_id=ticket.pk).exclude(email=""):
        _queue("status", ticket, support, {"status": public_status(new)})


def link_token(ticket_id: int | None, recipient: str) -> str | None:
    """The supporter's link for a queued mail; None once they stopped following."""
    if ticket_id is None:
        return None
    support = Support.objects.filter(ticket_id=ticket_id, email=recipient).first()
    return support_token(support) if support else None
