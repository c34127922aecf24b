"""Links to Fachverfahren: Aktenzeichen and status texts coming from there."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from anliegen.core.errors import ValidationFailed

from ..actors import Actor
from ..models import EventKind, ExternalReference, Ticket
from ._common import add_event, lock, require_work


def link_external_reference(
    ticket: Ticket, actor: Actor, system: str, reference: str
) -> ExternalReference:
    system, reference = system.strip(), reference.strip()
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
