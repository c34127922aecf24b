"""Who is responsible for a service, here and now."""

from __future__ import annotations

from collections.abc import Sequence

from .models import District, Responsibility, Service


def _pick(
    responsibilities: list[Responsibility], district: District | None
) -> tuple[Responsibility, ...]:
    """A responsibility limited to districts applies only inside them; without a known district
    the city-wide ones apply, and failing those any of them. Leads first."""
    city_wide = [r for r in responsibilities if not r.districts.all()]
    if district is not None:
        local = [r for r in responsibilities if district in r.districts.all()]
        roles = {r.role for r in local}
        chosen = local + [r for r in city_wide if r.role not in roles]
    else:
        chosen = city_wide or responsibilities
    chosen.sort(key=lambda r: (r.role != Responsibility.Role.LEAD, r.org_unit.name))
    return tuple(chosen)


def responsibilities_for(
    services: Sequence[Service], district: District | None = None
) -> dict[int, tuple[Responsibility, ...]]:
    """Current responsibilities of all ``services`` (by service id), in two queries."""
    rows = (
        Responsibility.objects.current()
        .filter(service__in=list(services))
        .select_related("org_unit")
        .prefetch_related("districts")
    )
    by_service: dict[int, list[Responsibility]] = {s.pk: [] for s in services}
    for row in rows:
        by_service[row.service_id].append(row)
    return {pk: _pick(rows_, district) for pk, rows_ in by_service.items()}


def lead_unit(service: Service, district: District | None = None) -> Responsibility | None:
    for responsibility in responsibilities_for([service], district)[service.pk]:
        if responsibility.role == Responsibility.Role.LEAD:
            return responsibility
    return None


def units_responsible_for_sensitive() -> set[int]:
    """Offices responsible (now, earlier or later) for a service under social or tax secrecy."""
    rows = Responsibility.objects.filter(service__sensitivity=Service.Sensitivity.SENSITIVE)
    return set(rows.values_list("org_unit_id", flat=True))
