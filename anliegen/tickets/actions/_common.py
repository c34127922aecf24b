"""Shared steps of the ticket actions: permission checks, locking, timeline and audit rows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anliegen.core.errors import NotFound, PermissionDenied
from anliegen.core.events import DomainEvent, publish
from anliegen.privacy.audit import record
from anliegen.privacy.secrecy import Secrecy

from .. import access
from ..actors import Actor
from ..deadlines import set_deadlines
from ..models import Attachment, EventKind, Message, Ticket, TicketEvent

__all__ = ["set_deadlines"]


@dataclass(frozen=True)
class AttachmentInput:
    """An uploaded file, already checked by the interface for type and size."""

    filename: str
    content: bytes
    content_type: str


def lock(ticket: Ticket) -> Ticket:
    """Re-read the ticket under a row lock so that concurrent actions serialise."""
    return Ticket.objects.select_for_update().get(pk=ticket.pk)


def require_work(actor: Actor, ticket: Ticket) -> None:
    """Staff may change only tickets in their scope; citizens only through their own link;
    a scoped system client (API token) only its offices' tickets."""
    if actor.unit_ids is not None:
        if ticket.org_unit_id not in actor.unit_ids:
            raise NotFound(_("Dieses Anliegen gibt es nicht oder Sie haben keinen Zugriff."))
        return
    if not actor.is_staff:
        return
    assert actor.user is not None
    if access.can_work(actor.user, ticket):
        return
    if access.can_view(actor.user, ticket):
        raise PermissionDenied(
            _(
                "Dieses Anliegen gehört einer anderen Stelle. Sie können es "
                "lesen und Beteiligungen beantworten, aber nicht ändern."
            )
        )
    raise NotFound(_("Dieses Anliegen gibt es nicht oder Sie haben keinen Zugriff."))


def add_event(
    ticket: Ticket,
    kind: EventKind,
    actor: Actor,
    *,
    public: bool = False,
    at: datetime | None = None,
    secrecy: Secrecy | None = None,
    **data: Any,
) -> TicketEvent:
    """Write the timeline row, the audit row, and announce the change after commit."""
    event = TicketEvent.objects.create(
        ticket=ticket,
        kind=kind,
        actor=actor.user,
        actor_label=actor.label[:100],
        data=data,
        is_public=public,
        created_at=at or timezone.now(),
    )
    record(
        actor.label,
        f"ticket.{kind.value}",
        actor_id=actor.user_id,
        ticket_id=ticket.pk,
        secrecy=secrecy or access.secrecy_of(ticket),
        **data,
    )
    publish(DomainEvent(f"ticket.{kind.value}", ticket.pk, {"event_id": event.pk, **data}))
    return event


def store_message(
    ticket: Ticket,
    kind: Message.Kind,
    body: str,
    actor: Actor,
    *,
    channel: str = "",
    attachments: tuple[AttachmentInput, ...] = (),
    email_message_id: str | None = None,
) -> Message:
    message = Message.objects.create(
        ticket=ticket,
        kind=kind,
        author=actor.user,
        body=body,
        channel=channel,
        email_message_id=email_message_id,
        created_at=timezone.now(),
    )
    for upload in attachments:
        digest = hashlib.sha256(upload.content).hexdigest()
        attachment = Attachment(
            message=message,
            filename=upload.filename[:200],
            content_type=upload.content_type[:100],
            size=len(upload.content),
            sha256=digest,
        )
        attachment.file.save(upload.filename, ContentFile(upload.content), save=False)
        attachment.save()
    return message
