"""Office hours of an org unit: its own rows, else the nearest parent's, else Mo–Fr 8–16."""

from __future__ import annotations

from anliegen.core.business_time import DEFAULT_HOURS, OfficeHours

from .models import OfficeHoursRule, OrgUnit


def office_hours_for(unit_id: int | None) -> OfficeHours:
    """The business hours that deadlines of ``unit_id``'s tickets are counted in."""
    seen: set[int] = set()
    while unit_id is not None and unit_id not in seen:
        seen.add(unit_id)
        rules = list(OfficeHoursRule.objects.filter(org_unit_id=unit_id))
        if rules:
            return OfficeHours(days={r.weekday: (r.opens, r.closes) for r in rules})
        unit_id = OrgUnit.objects.filter(pk=unit_id).values_list("parent_id", flat=True).first()
    return DEFAULT_HOURS
