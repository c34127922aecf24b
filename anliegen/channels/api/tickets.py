"""Ticket endpoints: every read through tickets.access, every write through tickets.actions."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router
from ninja import Status as Answer

from anliegen.catalog.models import District, Service
from anliegen.core.errors import NotFound, ValidationFailed
from anliegen.organization.models import OrgUnit, User
from anliegen.tickets import access, actions, queries
from anliegen.tickets.models import Channel, Message, Priority, Ticket
from anliegen.tickets.status import Status

from . import serialize
from .problems import errors
from .schemas import (
    AssignIn,
    Day,
    ExternalReferenceIn,
    ForwardIn,
    Id,
    Key,
    MessageIn,
    StatusIn,
    Text,
    TicketCreated,
    TicketDetail,
    TicketIn,
    TicketOut,
    TicketPage,
)
from .security import client_of, writer

router = Router(tags=["tickets"])

READ_ERRORS = errors(400, 401, 404, 422, 429)
WRITE_ERRORS = errors(400, 401, 403, 404, 409, 422, 429)


def _service(key: str | None) -> Service | None:
    if key is None:
        return None
    found = Service.objects.filter(key=key, is_active=True).first()
    if found is None:
        raise ValidationFailed(_("Diese Leistung gibt es nicht: %(key)s") % {"key": key})
    return found


def _org_unit(key: str | None) -> OrgUnit | None:
    if key is None:
        return None
    found = OrgUnit.objects.filter(key=key, is_active=True).first()
    if found is None:
        raise ValidationFailed(_("Diese Stelle gibt es nicht: %(key)s") % {"key": key})
    return found


def _district(key: str | None) -> District | None:
    if key is None:
        return None
    found = District.objects.filter(key=key).first()
    if found is None:
        raise ValidationFailed(_("Diesen Stadtteil gibt es nicht: %(key)s") % {"key": key})
    return found


def _load(request: HttpRequest, ticket_id: int, purpose: str = "api") -> Ticket:
    return access.get_ticket_for_actor(client_of(request).actor, pk=ticket_id, purpose=purpose)


def _fresh(request: HttpRequest, ticket_id: int) -> dict[str, Any]:
    """The ticket as the caller now sees it (after a write it may have left their scope)."""
    actor = client_of(request).actor
    ticket = (
        access.tickets_for_actor(actor)
        .filter(pk=ticket_id)
        .select_related("service", "org_unit", "assignee")
        .prefetch_related("external_references")
        .first()
    )
    if ticket is None:
        raise NotFound(_("Das Anliegen liegt jetzt bei einer anderen Stelle."))
    return serialize.ticket(ticket)


@router.get("/tickets", response={200: TicketPage, **READ_ERRORS})
def list_tickets(
    request: HttpRequest,
    status: Annotated[list[Status] | None, Query(description="Internal status; repeatable")] = None,
    service: Annotated[Key | None, Query()] = None,
    org_unit: Annotated[Key | None, Query()] = None,
    channel: Annotated[Channel | None, Query()] = None,
    created_from: Annotated[Day | None, Query()] = None,
    created_to: Annotated[Day | None, Query()] = None,
    sort: Annotated[queries.Sort, Query()] = queries.Sort.NEWEST,
    cursor: Annotated[Text | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
) -> dict[str, Any]:
    """Tickets of the key's offices, newest first, by keyset pagination (``next_cursor``)."""
    tickets = access.tickets_for_actor(client_of(request).actor)
    flt = queries.InboxFilter(
        view=queries.View.ALL,
        statuses=tuple(s.value for s in status or ()),
        channel=channel.value if channel else "",
        date_from=created_from,  # type: ignore[arg-type]  # parsed by Day
        date_to=created_to,  # type: ignore[arg-type]
    )
    scope = queries.Scope(0, frozenset(), frozenset())
    qs = queries.apply_filter(tickets, flt, scope)
    if service:
        qs = qs.filter(service__key=service)
    if org_unit:
        qs = qs.filter(org_unit__key=org_unit)
    result = queries.page(qs.prefetch_related("external_references"), sort, cursor or "", limit)
    return {
        "items": [serialize.ticket(t) for t in result.tickets],
        "next_cursor": result.next_cursor or None,
    }


@router.post("/tickets", response={201: TicketCreated, **WRITE_ERRORS})
def create_ticket(request: HttpRequest, payload: TicketIn) -> Answer[dict[str, Any]]:
    """A new concern arriving from another system (channel ``api``), routed like any other."""
    client = writer(request)
    created = actions.create_ticket(
        actions.NewTicket(
            text=payload.text,
            channel=Channel.API,
            subject=payload.subject,
            service=_service(payload.service),
            district=_district(payload.district),
            contact_name=payload.contact_name,
            contact_email=payload.contact_email,
            contact_phone=payload.contact_phone,
            location_text=payload.location_text,
            latitude=_coordinate(payload.latitude),
            longitude=_coordinate(payload.longitude),
            form_data=payload.form_data,
            priority=Priority(payload.priority),
            contact_language=payload.language,
        ),
        client.actor,
    )
    link = settings.SITE_URL + reverse("portal:track_entry", args=[created.token])
    # The creator sees what it created (as the citizen would on the tracking page), even when
    # routing took the ticket outside the key's offices; later reads are scoped.
    return Answer(201, {**serialize.ticket(created.ticket), "tracking_url": link})


def _coordinate(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 6)))


@router.get("/tickets/{ticket_id}", response={200: TicketDetail, **READ_ERRORS})
def get_ticket(request: HttpRequest, ticket_id: Id) -> dict[str, Any]:
    """One ticket with messages (internal notes included) and its timeline."""
    return serialize.ticket_detail(_load(request, ticket_id))


@router.post("/tickets/{ticket_id}/status", response={200: TicketOut, **WRITE_ERRORS})
def change_status(request: HttpRequest, ticket_id: Id, payload: StatusIn) -> dict[str, Any]:
    actor = writer(request).actor
    actions.change_status(_load(request, ticket_id), actor, payload.status, note=payload.note)
    return _fresh(request, ticket_id)


@router.post("/tickets/{ticket_id}/messages", response={201: TicketOut, **WRITE_ERRORS})
def add_message(request: HttpRequest, ticket_id: Id, payload: MessageIn) -> Answer[dict[str, Any]]:
    """A public reply (the citizen sees it) or an internal note."""
    actor = writer(request).actor
    actions.add_message(
        _load(request, ticket_id),
        actor,
        Message.Kind(payload.kind),
        payload.body,
        channel=Channel.API,
    )
    return Answer(201, _fresh(request, ticket_id))


@router.post("/tickets/{ticket_id}/forward", response={200: TicketOut, **WRITE_ERRORS})
def forward(request: HttpRequest, ticket_id: Id, payload: ForwardIn) -> dict[str, Any]:
    """Hand the ticket to another service and/or office, with a reason."""
    actor = writer(request).actor
    actions.route_ticket(
        _load(request, ticket_id),
        actor,
        service=_service(payload.service),
        org_unit=_org_unit(payload.org_unit),
        reason=payload.reason,
    )
    # Forwarded to an office outside the key's scope, the ticket is no longer the key's to see.
    return _fresh(request, ticket_id)


@router.post("/tickets/{ticket_id}/assign", response={200: TicketOut, **WRITE_ERRORS})
def assign(request: HttpRequest, ticket_id: Id, payload: AssignIn) -> dict[str, Any]:
    actor = writer(request).actor
    assignee = None
    if payload.assignee is not None:
        assignee = User.objects.filter(username=payload.assignee, is_active=True).first()
        if assignee is None:
            raise ValidationFailed(_("Diese Person gibt es nicht."))
    actions.assign_ticket(_load(request, ticket_id), actor, assignee)
    return _fresh(request, ticket_id)


@router.post("/tickets/{ticket_id}/external-references", response={201: TicketOut, **WRITE_ERRORS})
def link_external_reference(
    request: HttpRequest, ticket_id: Id, payload: ExternalReferenceIn
) -> Answer[dict[str, Any]]:
    """Link the Aktenzeichen of the same concern in a Fachverfahren."""
    actor = writer(request).actor
    actions.link_external_reference(
        _load(request, ticket_id), actor, payload.system, payload.reference
    )
    return Answer(201, _fresh(request, ticket_id))
