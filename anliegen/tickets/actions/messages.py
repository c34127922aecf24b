"""Messages: the citizen writes, staff reply publicly or note internally."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anliegen.core.errors import ValidationFailed
from anliegen.core.text import normalise_text

from ..actors import Actor
from ..deadlines import follow_clock
from ..models import EventKind, Message, Ticket
from ..status import FINISHED_STATUSES, Status
from ._common import AttachmentInput, add_event, lock, require_work, store_message

MAX_BODY = 20_000


def add_message(
    ticket: Ticket,
    actor: Actor,
    kind: Message.Kind,
    body: str,
    *,
    attachments: tuple[AttachmentInput, ...] = (),
    channel: str = "",
    email_message_id: str | None = None,
) -> Message:
    """Add a message and move the status the way the conversation implies."""
    body = normalise_text(body).strip()
    if not body and not attachments:
        raise ValidationFailed(_("Bitte schreiben Sie eine Nachricht."))
    if len(body) > MAX_BODY:
        raise ValidationFailed(_("Die Nachricht ist zu lang (höchstens 20.000 Zeichen)."))
    if actor.is_citizen and kind != Message.Kind.CITIZEN:
        raise ValidationFailed(_("Bürgerinnen und Bürger können nur Nachrichten schreiben."))
    if actor.is_staff and kind == Message.Kind.CITIZEN:
        raise ValidationFailed(_("Mitarbeitende schreiben Antworten oder Vermerke."))
    with transaction.atomic():
        ticket = lock(ticket)
        require_work(actor, ticket)
        if kind == Message.Kind.PUBLIC_REPLY and ticket.status in FINISHED_STATUSES:
            raise ValidationFailed(
                _(
                    "Dieses Anliegen ist abgeschlossen. Bitte öffnen Sie es "
                    "wieder, bevor Sie antworten."
                )
            )
        message = store_message(
            ticket,
            kind,
            body,
            actor,
            channel=channel,
            attachments=attachments,
            email_message_id=email_message_id,
        )
        _follow_conversation(ticket, kind)
        add_event(
            ticket,
            EventKind.MESSAGE_ADDED,
            actor,
            public=message.is_public,
            message_id=message.pk,
            message_kind=kind.value,
            attachments=len(attachments),
        )
    return message


def _follow_conversation(ticket: Ticket, kind: Message.Kind) -> None:
    """A citizen's answer puts the ticket back to work; a first reply stops that clock."""
    now = timezone.now()
    if kind == Message.Kind.CITIZEN and ticket.status in {Status.WAITING_CITIZEN, Status.RESOLVED}:
        previous = ticket.status
        ticket.status = Status.IN_PROGRESS
        ticket.resolved_at = None
        follow_clock(ticket, previous, now)
    if kind == Message.Kind.PUBLIC_REPLY and ticket.first_responded_at is None:
        ticket.first_responded_at = now
    ticket.save()
