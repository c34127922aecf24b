"""Choice lists for the workspace forms: org units grouped for the picker, colleagues."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from anliegen.catalog.models import Service
from anliegen.core.memo import remembered
from anliegen.organization.models import User
from anliegen.organization.units import UnitRow, chain_up, unit_ids_in_scope, units

Choices = list[tuple[str, str] | tuple[str, list[tuple[str, str]]]]


def unit_choices() -> Choices:
    """Every active unit, grouped under its top-level unit (Dezernat) so that a plain <select>
    with optgroups stays navigable among hundreds of entries, with or without JavaScript."""
    return remembered("unit_choices", _unit_choices)


def _unit_choices() -> Choices:
    rows = units()

    def root(unit: UnitRow) -> UnitRow:
        return rows[chain_up(unit.id)[-1]]

    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for unit in rows.values():
        if unit.is_active:
            label = f"{unit.kgst_number} {unit.name}".strip()
            groups[root(unit).name].append((str(unit.id), label))
    return [("", "—"), *((name, rows_) for name, rows_ in sorted(groups.items()))]


def service_choices() -> Choices:
    def load() -> Choices:
        services = Service.objects.filter(is_active=True).only("id", "name", "citizen_name")
        return [("", "—"), *((str(s.pk), str(s)) for s in services)]

    return remembered("service_choices", load)


def colleagues(unit_id: int | None) -> QuerySet[User]:
    """Active staff who may hold a ticket of ``unit_id``: members of it or of a unit above."""
    if unit_id is None:
        return User.objects.none()
    return (
        User.objects.filter(is_active=True, memberships__org_unit_id__in=chain_up(unit_id))
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
