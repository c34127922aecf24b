"""Queries over the org tree. The tree has hundreds of nodes: load it once, walk in Python."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from anliegen.core.memo import remembered

from .models import Deputyship, Membership, OrgUnit, User


@dataclass(frozen=True)
class UnitRow:
    """What lists and pickers need of one unit; the whole tree is read once per request."""

    id: int
    parent_id: int | None
    key: str
    name: str
    kgst_number: str
    is_active: bool
    is_triage_desk: bool


def units() -> dict[int, UnitRow]:
    """Every unit by id (in the tree's order: KGSt number, name), one query per request."""

    def load() -> dict[int, UnitRow]:
        fields = ("id", "parent_id", "key", "name", "kgst_number", "is_active", "is_triage_desk")
        return {row[0]: UnitRow(*row) for row in OrgUnit.objects.values_list(*fields)}

    return remembered("org_units", load)


def _children() -> dict[int | None, list[int]]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for unit in units().values():
        children[unit.parent_id].append(unit.id)
    return children


def chain_up(unit_id: int) -> list[int]:
    """``unit_id`` and every unit above it, nearest first."""
    rows = units()
    chain: list[int] = []
    current: int | None = unit_id
    while current is not None and current not in chain:
        chain.append(current)
        row = rows.get(current)
        current = row.parent_id if row else None
    return chain


def descendant_ids(root_ids: set[int]) -> set[int]:
    """``root_ids`` and every unit below them."""
    children = remembered("org_tree", _children)
    result: set[int] = set()
    stack = list(root_ids)
    while stack:
        unit_id = stack.pop()
        if unit_id not in result:
            result.add(unit_id)
            stack.extend(children.get(unit_id, ()))
    return result


def ancestor_ids(unit_ids: set[int]) -> set[int]:
    """Every unit above ``unit_ids`` (not the units themselves, unless one is above another)."""
    result: set[int] = set()
    for unit_id in unit_ids:
        result.update(chain_up(unit_id)[1:])
    return result


def _memberships(user: User) -> frozenset[tuple[int, str]]:
    """(unit, role) of the user's own memberships and of those of colleagues the user
    deputises today, in one query."""

    def load() -> frozenset[tuple[int, str]]:
        today = timezone.localdate()
        deputised = Deputyship.objects.filter(deputy_id=user.pk, starts_on__lte=today).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today)
        )
        rows = Membership.objects.filter(
            Q(user_id=user.pk) | Q(user_id__in=deputised.values("principal_id"))
        ).values_list("org_unit_id", "role")
        return frozenset(rows)

    return remembered(("memberships", user.pk, timezone.localdate()), load)


def membership_unit_ids(user: User, *, role: str | None = None) -> set[int]:
    """Units the user belongs to directly (own memberships and those of deputised colleagues)."""
    return {unit for unit, has in _memberships(user) if role is None or has == role}


def unit_ids_in_scope(user: User) -> set[int]:
    """Units whose tickets the user works on: their units and the units below them."""
    return descendant_ids(membership_unit_ids(user))


def is_lead_of(user: User, unit: OrgUnit) -> bool:
    lead_units = descendant_ids(membership_unit_ids(user, role=Membership.Role.LEAD))
    return unit.pk in lead_units


def is_triage_member(user: User) -> bool:
    rows = units()
    return any(rows[u].is_triage_desk for u in membership_unit_ids(user) if u in rows)
