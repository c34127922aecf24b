"""Links to Fachverfahren: Aktenzeichen and status texts coming from there."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from anliegen.core.errors import ValidationFailed
from anliegen.core.text import normalise_line, normalise_text

from ..actors import Actor
from ..models import EventKind, ExternalReference, Ticket
from ..status import Status
from ._common import add_event, lock, require_work
from .workflow import transition

MAX_PUBLIC_TEXT = 500


def link_external_reference(
    ticket: Ticket, actor: Actor, system: str, reference: str
) -> ExternalReference:
    system, reference = normalise_line(system), normalise_line(reference)
    if not system or not reference:
        raise ValidationFailed(_("Bitte geben Sie System und Aktenzeichen an."))
    try:
        with transaction.atomic():
            ticket = lock(ticket)
            require_work(actor, ticket)
            link = ExternalReference.objects.create(
                ticket=ticket, system=system[:100], reference=reference[:200]
            )
            add_event(
                ticket,
                EventKind.EXTERNAL_REFERENCE,
                actor,
                system=link.system,
                reference=link.reference,
            )
    except IntegrityError as exc:
        raise ValidationFailed(
            _("Dieses Aktenzeichen ist bereits mit einem Anliegen verknüpft.")
        ) from exc
    return link


def apply_external_status(
    ticket: Ticket,
    actor: Actor,
    *,
    system: str,
    reference: str,
    public_text: str,
    status: Status | None = None,
) -> Ticket:
    """A Fachverfahren reports progress: the citizen sees ``public_text`` on the tracking page,
    the internal status follows ``status`` (if given), and the timeline says where it came
    from. Announced as "ticket.external_status" so the citizen is notified."""
    public_text = normalise_text(public_text).strip()
    system, reference = normalise_line(system), normalise_line(reference)
    if not public_text and status is None:
        raise ValidationFailed(_("Bitte geben Sie einen Statustext oder einen Status an."))
    if len(public_text) > MAX_PUBLIC_TEXT:
        raise ValidationFailed(_("Der Statustext ist zu lang (höchstens 500 Zeichen)."))
    with transaction.atomic():
        ticket = lock(ticket)
        require_work(actor, ticket)
        previous = ticket.status
        if status is not None and status != previous:
            transition(ticket, actor, status, note=public_text)
        if public_text:
            ticket.public_status_text = public_text
            ticket.save(update_fields=["public_status_text", "updated_at"])
        add_event(
            ticket,
            EventKind.EXTERNAL_STATUS,
            actor,
            public=True,
            system=system,
            reference=reference,
            text=public_text,
            old=previous,
            new=ticket.status,
        )
    return ticket
