"""Queries over the org tree. The tree has hundreds of nodes: load it once, walk in Python."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Q
from django.utils import timezone

from anliegen.core.memo import remembered

from .models import Deputyship, Membership, OrgUnit, User


def _children() -> dict[int | None, list[int]]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for unit_id, parent_id in OrgUnit.objects.values_list("id", "parent_id"):
        children[parent_id].append(unit_id)
    return children


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
    parents = dict(OrgUnit.objects.values_list("id", "parent_id"))
    result: set[int] = set()
    for unit_id in unit_ids:
        parent = parents.get(unit_id)
        while parent is not None and parent not in result:
            result.add(parent)
            parent = parents.get(parent)
    return result


def _principals(user: User, today: date) -> tuple[int, ...]:
    """The user and everyone the user deputises for today."""

    def load() -> tuple[int, ...]:
        deputised = Deputyship.objects.filter(deputy=user, starts_on__lte=today).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=today)
        )
        return (user.pk, *deputised.values_list("principal_id", flat=True))

    return remembered(("principals", user.pk, today), load)


def membership_unit_ids(user: User, *, role: str | None = None) -> set[int]:
    """Units the user belongs to directly (own memberships and those of deputised colleagues)."""

    def load() -> frozenset[int]:
        principals = _principals(user, timezone.localdate())
        memberships = Membership.objects.filter(user_id__in=principals)
        if role:
            memberships = memberships.filter(role=role)
        return frozenset(memberships.values_list("org_unit_id", flat=True))

    return set(remembered(("member_units", user.pk, role), load))


def unit_ids_in_scope(user: User) -> set[int]:
    """Units whose tickets the user works on: their units and the units below them."""
    return descendant_ids(membership_unit_ids(user))


def is_lead_of(user: User, unit: OrgUnit) -> bool:
    lead_units = descendant_ids(membership_unit_ids(user, role=Membership.Role.LEAD))
    return unit.pk in lead_units


def is_triage_member(user: User) -> bool:
    return remembered(
        ("triage_member", user.pk),
        lambda: OrgUnit.objects.filter(
            is_triage_desk=True, pk__in=membership_unit_ids(user)
        ).exists(),
    )
