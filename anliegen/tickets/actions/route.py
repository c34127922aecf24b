"""Forward a ticket to another service and/or office, with a reason."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from anliegen.catalog.models import Service
from anliegen.catalog.responsibility import lead_unit
from anliegen.core.errors import ValidationFailed
from anliegen.core.text import normalise_text
from anliegen.organization.models import OrgUnit
from anliegen.privacy.audit import mark_secret

from .. import access
from ..actors import Actor
from ..models import EventKind, Ticket
from ..status import FINISHED_STATUSES, Status
from ._common import add_event, lock, require_work, set_deadlines


def route_ticket(
    ticket: Ticket,
    actor: Actor,
    *,
    service: Service | None = None,
    org_unit: OrgUnit | None = None,
    reason: str,
) -> Ticket:
    """Give the ticket to ``org_unit`` (default: the service's lead unit).

    A staff decision here is also a training example for the routing engine: the timeline
    row records the previous and the new service.
    """
    reason = normalise_text(reason)
    if not reason.strip():
        raise ValidationFailed(_("Bitte geben Sie einen Grund für die Weiterleitung an."))
    if service is None and org_unit is None:
        raise ValidationFailed(_("Bitte wählen Sie eine Leistung oder eine Stelle."))
    with transaction.atomic():
        ticket = lock(ticket)
        require_work(actor, ticket)
        if ticket.status in FINISHED_STATUSES:
            raise ValidationFailed(
                _(
                    "Ein abgeschlossenes Anliegen kann nicht weitergeleitet "
                    "werden. Bitte öffnen Sie es zuerst wieder."
                )
            )
        new_service = service or ticket.service
        if org_unit is None:
            assert new_service is not None
            responsibility = lead_unit(new_service, ticket.district, ticket.location_text)
            if responsibility is None:
                raise ValidationFailed(
                    _(
                        "Für diese Leistung ist keine Stelle zuständig "
                        "hinterlegt. Bitte wählen Sie die Stelle selbst."
                    )
                )
            org_unit = responsibility.org_unit
        previous = {
            "service": ticket.service.key if ticket.service else None,
            "org_unit": ticket.org_unit.key if ticket.org_unit else None,
        }
        before = access.secrecy_of(ticket)
        service_changed = new_service != ticket.service
        ticket.service = new_service
        ticket.org_unit = org_unit
        if service_changed:
            set_deadlines(ticket, new_service, ticket.created_at)
        ticket.is_sensitive = bool(new_service and new_service.is_sensitive)
        ticket.assignee = None
        ticket.status = Status.NEW
        ticket.save()
        now = access.secrecy_of(ticket)
        # Rows about a ticket that now is (or stays) under secrecy move with it to the new
        # office; the routing row of a ticket leaving secrecy names the secret service, so
        # it stays with the office it came from.
        mark_secret(ticket.pk, now)
        add_event(
            ticket,
            EventKind.ROUTED,
            actor,
            secrecy=now if now.sensitive else before,
            method="manual",
            reason=reason.strip(),
            service=new_service.key if new_service else None,
            org_unit=org_unit.key,
            previous=previous,
        )
    return ticket
