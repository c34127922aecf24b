"""„Schon gemeldet?“: open public reports of the same or a related service near a spot.

A bounding box on the indexed latitude/longitude (index ``ticket_position``) narrows the
candidates on PostgreSQL and SQLite alike; the exact distance is computed for those few in
Python. "Related" is another defect service of the same topic (Straßenlaterne and
Ampel under "Straße und Verkehr"). Besides the radius, a report on the same street within
``SAME_STREET_METRES`` counts too: reports given by street only carry the centre of their
street section as point, which can lie further away than the radius from a pin."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from anliegen.catalog.models import Service
from anliegen.tickets.status import OPEN_STATUSES

from . import public, streets

SAME_STREET_METRES = 300
LIMIT = 10
_METRES_PER_DEGREE = 111_320


@dataclass(frozen=True)
class Nearby:
    report: public.PublicReport
    metres: int
    ticket_id: int


def _box(latitude: float, longitude: float, metres: float) -> dict[str, Decimal]:
    dlat = metres / _METRES_PER_DEGREE
    dlon = metres / (_METRES_PER_DEGREE * max(math.cos(math.radians(latitude)), 0.01))
    q = Decimal("0.000001")
    return {
        "latitude__gte": Decimal(latitude - dlat).quantize(q),
        "latitude__lte": Decimal(latitude + dlat).quantize(q),
        "longitude__gte": Decimal(longitude - dlon).quantize(q),
        "longitude__lte": Decimal(longitude + dlon).quantize(q),
    }


def _services(service: Service) -> Q:
    if service.topic_id is None:
        return Q(service_id=service.pk)
    return Q(service_id=service.pk) | Q(
        service__topic_id=service.topic_id, service__kind=Service.Kind.DEFECT
    )


def find(
    latitude: Decimal | float,
    longitude: Decimal | float,
    *,
    service: Service,
    street: str = "",
    radius: float | None = None,
    exclude_id: int | None = None,
) -> list[Nearby]:
    """Open public reports within ``radius`` metres (default NEARBY_RADIUS_METRES) or on
    ``street`` close by, nearest first; at most LIMIT."""
    if service.kind != Service.Kind.DEFECT:
        return []
    lat, lon = float(latitude), float(longitude)
    radius = float(settings.NEARBY_RADIUS_METRES if radius is None else radius)
    reach = max(radius, SAME_STREET_METRES) if street else radius
    # Only the columns the distance and street checks need: the supporter count and related
    # rows of published() (a GROUP BY over every candidate) are read for the matches alone.
    candidates = (
        public.publishable()
        .filter(_services(service), status__in=OPEN_STATUSES, **_box(lat, lon, reach))
        .order_by("-created_at")
    )
    if exclude_id is not None:
        candidates = candidates.exclude(pk=exclude_id)
    rows = list(candidates.values_list("pk", "latitude", "longitude", "location_text")[:200])
    if not rows:
        return []
    names = streets.names()
    wanted = streets.normalise(street)
    metres_by_id: dict[int, float] = {}
    for pk, ticket_lat, ticket_lon, location_text in rows:
        assert ticket_lat is not None and ticket_lon is not None  # the box excludes NULL
        distance = streets.metres(lat, lon, float(ticket_lat), float(ticket_lon))
        same_street = (
            bool(wanted)
            and streets.normalise(streets.known_street_in(location_text, names) or "") == wanted
        )
        if distance <= radius or same_street:
            metres_by_id[pk] = distance
    nearest = sorted(metres_by_id, key=lambda pk: metres_by_id[pk])[:LIMIT]
    tickets = {t.pk: t for t in public.published().filter(pk__in=nearest)}
    return [
        Nearby(public.report(tickets[pk], names), round(metres_by_id[pk]), pk)
        for pk in nearest
        if pk in tickets
    ]
