"""What anyone may see of a defect report: service, public status, the staff-approved public
description (nothing of the citizen's own words otherwise), a rough location (the street
name from the city's list, else the district; the point rounded to about 100 m) and dates.
Never contact data, never the subject or text, never sensitive services or tickets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal

from django.db.models import Count, QuerySet

from anliegen.catalog.models import Service
from anliegen.tickets import access
from anliegen.tickets.models import Ticket
from anliegen.tickets.status import PublicStatus, open311_status, public_status

from . import streets

ROUGH = Decimal("0.001")  # about 110 m north–south, 70 m east–west at 50° N


@dataclass(frozen=True)
class PublicReport:
    reference: str
    service: str
    service_key: str
    kind: str
    status: PublicStatus
    is_open: bool
    text: str
    status_text: str
    place: str
    district: str
    latitude: float | None
    longitude: float | None
    created_at: datetime
    updated_at: datetime
    supporters: int

    @property
    def status_label(self) -> str:
        return str(self.status.label)


def publishable() -> QuerySet[Ticket]:
    """The defect reports that may appear in public: not sensitive (ticket or service), not
    merged, and of a service whose "öffentlich anzeigen" is on (the default). Plain rows,
    for look-ups that read a few columns only."""
    return (
        access.public_defect_reports()
        .exclude(service__sensitivity=Service.Sensitivity.SENSITIVE)
        .exclude(service__publication_setting__show_publicly=False)
    )


def published() -> QuerySet[Ticket]:
    """``publishable()`` with what ``report()`` shows (related rows, supporter count)."""
    return (
        publishable()
        .select_related("service", "service__topic", "district", "org_unit", "public_text")
        .annotate(supporter_count=Count("supports"))
    )


def _rough(value: Decimal | None) -> float | None:
    return float(value.quantize(ROUGH, rounding=ROUND_HALF_EVEN)) if value is not None else None


def _approved_text(ticket: Ticket) -> str:
    try:
        return ticket.public_text.text
    except Ticket.public_text.RelatedObjectDoesNotExist:
        return ""


def report(ticket: Ticket, street_names: list[str] | None = None) -> PublicReport:
    """One ticket of ``published()`` as public fields. ``street_names``: the city's list,
    passed in when many rows are built at once."""
    place = streets.known_street_in(ticket.location_text, street_names)
    district = ticket.district.name if ticket.district else ""
    service = ticket.service
    return PublicReport(
        reference=ticket.reference,
        service=str(service) if service else "",
        service_key=service.key if service else "",
        kind=service.topic.name if service and service.topic else "",
        status=public_status(ticket.status),
        is_open=open311_status(ticket.status) == "open",
        text=_approved_text(ticket),
        status_text=ticket.public_status_text,
        place=place or district,
        district=district,
        latitude=_rough(ticket.latitude),
        longitude=_rough(ticket.longitude),
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
        supporters=int(getattr(ticket, "supporter_count", 0)),
    )


def reports(tickets: QuerySet[Ticket] | list[Ticket]) -> list[PublicReport]:
    names = streets.names()
    return [report(t, names) for t in tickets]
