"""Who is responsible for a service, here and now."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .models import District, Responsibility, Service

_STREET_ABBREVIATIONS = [
    (re.compile(r"(?<=\w)str\.(?=\s|\d|,|$)"), "straße"),
    (re.compile(r"\bstr\.(?=\s|\d|,|$)"), "straße"),
    (re.compile(r"strasse\b"), "straße"),
    (re.compile(r"pl\.(?=\s|\d|,|$)"), "platz"),
]


def street_form(text: str) -> str:
    """One spelling for street names as people write them: 'Hauptstr. 5', 'HAUPTSTRASSE 5'
    and 'Hauptstraße 5' all contain 'hauptstraße'."""
    form = " ".join(text.casefold().replace("-", " ").split())
    for pattern, replacement in _STREET_ABBREVIATIONS:
        form = pattern.sub(replacement, form)
    return form


def _on_street(responsibility: Responsibility, place: str) -> bool:
    return any(
        re.search(rf"(?<!\w){re.escape(street_form(s))}(?!\w)", place)
        for s in responsibility.streets
        if s.strip()
    )


def _pick(
    responsibilities: list[Responsibility], district: District | None, place: str = ""
) -> tuple[Responsibility, ...]:
    """A responsibility limited to districts or streets applies only there; without a known
    district or street the city-wide ones apply, and failing those any of them. Leads first.
    ``place`` is the location the citizen gave, in ``street_form``."""
    city_wide = [r for r in responsibilities if not r.districts.all() and not r.streets]
    local = [
        r
        for r in responsibilities
        if (place and r.streets and _on_street(r, place))
        or (district is not None and district in r.districts.all())
    ]
    if local:
        roles = {r.role for r in local}
        chosen = local + [r for r in city_wide if r.role not in roles]
    elif district is not None:
        chosen = list(city_wide)
    else:
        chosen = city_wide or responsibilities
    chosen.sort(key=lambda r: (r.role != Responsibility.Role.LEAD, r.org_unit.name))
    return tuple(chosen)


def responsibilities_for(
    services: Sequence[Service], district: District | None = None, place: str = ""
) -> dict[int, tuple[Responsibility, ...]]:
    """Current responsibilities of all ``services`` (by service id), in two queries.
    ``place``: the location as the citizen wrote it (street and house number)."""
    rows = (
        Responsibility.objects.current()
        .filter(service__in=list(services))
        .select_related("org_unit")
        .prefetch_related("districts")
    )
    by_service: dict[int, list[Responsibility]] = {s.pk: [] for s in services}
    for row in rows:
        by_service[row.service_id].append(row)
    where = street_form(place)
    return {pk: _pick(rows_, district, where) for pk, rows_ in by_service.items()}


def lead_unit(
    service: Service, district: District | None = None, place: str = ""
) -> Responsibility | None:
    for responsibility in responsibilities_for([service], district, place)[service.pk]:
        if responsibility.role == Responsibility.Role.LEAD:
            return responsibility
    return None


def units_responsible_for_sensitive() -> set[int]:
    """Offices responsible (now, earlier or later) for a service under social or tax secrecy."""
    rows = Responsibility.objects.filter(service__sensitivity=Service.Sensitivity.SENSITIVE)
    return set(rows.values_list("org_unit_id", flat=True))
