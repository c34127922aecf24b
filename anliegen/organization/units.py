"""Queries over the org tree. The tree has hundreds of nodes: load it once, walk in Python."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Q
from django.utils import timezone

from .models import Deputyship, Membership, OrgUnit, User


def descendant_ids(root_ids: set[int]) -> set[int]:
    """``root_ids`` and every unit below them."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for unit_id, parent_id in OrgUnit.objects.values_list("id", "parent_id"):
        children[parent_id].append(unit_id)
    result: set[int] = set()
    stack = list(root_ids)
    while stack:
        unit_id = stack.pop()
        if unit_id not in result:
            result.add(unit_id)
            stack.extend(children[unit_id])
    return result


def _principals(user: User, today: date) -> list[int]:
    """The user and everyone the user deputises for today."""
    deputised = Deputyship.objects.filter(deputy=user, starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )
    return [user.pk, *deputised.values_list("principal_id", flat=True)]


def membership_unit_ids(user: User, *, role: str | None = None) -> set[int]:
    """Units the user belongs to directly (own memberships and those of deputised colleagues)."""
    memberships = Membership.objects.filter(user_id__in=_principals(user, timezone.localdate()))
    if role:
        memberships = memberships.filter(role=role)
    return set(memberships.values_list("org_unit_id", flat=True))


def unit_ids_in_scope(user: User) -> set[int]:
    """Units whose tickets the user works on: their units and the units below them."""
    return descendant_ids(membership_unit_ids(user))


def is_lead_of(user: User, unit: OrgUnit) -> bool:
    lead_units = descendant_ids(membership_unit_ids(user, role=Membership.Role.LEAD))
    return unit.pk in lead_units


def is_triage_member(user: User) -> bool:
    return OrgUnit.objects.filter(is_triage_desk=True, pk__in=membership_unit_ids(user)).exists()
