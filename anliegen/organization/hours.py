"""Office hours of an org unit: its own rows, else the nearest parent's, else Mo–Fr 8–16."""

from __future__ import annotations

from collections import defaultdict
from datetime import time

from anliegen.core.business_time import DEFAULT_HOURS, OfficeHours
from anliegen.core.memo import remembered

from .models import OfficeHoursRule
from .units import chain_up


def _hours_by_unit() -> dict[int, OfficeHours]:
    """Every unit's own rows in one query: a few hundred small rows at most."""
    days: dict[int, dict[int, tuple[time, time]]] = defaultdict(dict)
    for rule in OfficeHoursRule.objects.order_by("org_unit_id", "weekday", "pk"):
        days[rule.org_unit_id][rule.weekday] = (rule.opens, rule.closes)
    return {unit_id: OfficeHours(days=rows) for unit_id, rows in days.items()}


def office_hours_for(unit_id: int | None) -> OfficeHours:
    """The business hours that deadlines of ``unit_id``'s tickets are counted in. The rules
    and the tree are read once per request (the creating step asks for first response and
    resolution): two queries instead of two per level of the tree."""
    if unit_id is None:
        return DEFAULT_HOURS
    hours = remembered("office_hours", _hours_by_unit)
    for unit in chain_up(unit_id):
        if unit in hours:
            return hours[unit]
    return DEFAULT_HOURS
