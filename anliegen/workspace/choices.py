"""Choice lists for the workspace forms: org units grouped for the picker, colleagues."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from anliegen.catalog.models import Service
from anliegen.core.memo import remembered
from anliegen.organization.models import OrgUnit, User
from anliegen.organization.units import unit_ids_in_scope

Choices = list[tuple[str, str] | tuple[str, list[tuple[str, str]]]]


def unit_choices() -> Choices:
    """Every active unit, grouped under its top-level unit (Dezernat) so that a plain <select>
    with optgroups stays navigable among hundreds of entries, with or without JavaScript."""
    return remembered("unit_choices", _unit_choices)


def _unit_choices() -> Choices:
    units = list(
        OrgUnit.objects.filter(is_active=True).only(
            "id", "name", "short_name", "kgst_number", "parent_id"
        )
    )
    by_id = {u.pk: u for u in units}

    def root(unit: OrgUnit) -> OrgUnit:
        seen = set()
        while unit.parent_id in by_id and unit.pk not in seen:
            seen.add(unit.pk)
            unit = by_id[unit.parent_id]
        return unit

    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for unit in units:
        label = f"{unit.kgst_number} {unit.name}".strip()
        groups[str(root(unit).name)].append((str(unit.pk), label))
    return [("", "—"), *((name, rows) for name, rows in sorted(groups.items()))]


def service_choices() -> Choices:
    def load() -> Choices:
        services = Service.objects.filter(is_active=True).only("id", "name", "citizen_name")
        return [("", "—"), *((str(s.pk), str(s)) for s in services)]

    return remembered("service_choices", load)


def colleagues(unit_id: int | None) -> QuerySet[User]:
    """Active staff who may hold a ticket of ``unit_id``: members of it or of a unit above."""
    if unit_id is None:
        return User.objects.none()
    parents = dict(OrgUnit.objects.values_list("id", "parent_id"))
    chain: list[int] = []
    current: int | None = unit_id
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return (
        User.objects.filter(is_active=True, memberships__org_unit_id__in=chain)
        .distinct()
        .order_by("last_name", "username")
    )


def colleagues_in_scope(user: User) -> QuerySet[User]:
    """Active staff of the offices ``user`` works for: the people a bulk assignment may name."""
    return (
        User.objects.filter(is_active=True, memberships__org_unit_id__in=unit_ids_in_scope(user))
        .distinct()
        .order_by("last_name", "username")
    )
