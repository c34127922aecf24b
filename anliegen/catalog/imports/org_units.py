"""The org chart part of an import: new and changed units, parents before children."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from anliegen.organization.models import OrgUnit

from ..actions import CatalogueActor, OrgUnitData, create_org_unit, update_org_unit
from ..actions.org_units import org_unit_data
from .records import Problem, Severity


@dataclass
class OrgUnitPlan:
    new: list[OrgUnitData] = field(default_factory=list)
    changed: list[tuple[OrgUnitData, list[str]]] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.ERROR]

    @property
    def is_empty(self) -> bool:
        return not self.new and not self.changed


def _resolve_parents(rows: list[OrgUnitData], problems: list[Problem]) -> list[OrgUnitData]:
    """A parent may be named by key, KGSt number or external id; the result names it by key."""
    by_kgst = {u.kgst_number: u.key for u in OrgUnit.objects.exclude(kgst_number="")}
    by_kgst |= {r.kgst_number: r.key for r in rows if r.kgst_number}
    by_kgst |= {u.external_id: u.key for u in OrgUnit.objects.exclude(external_id="")}
    by_kgst |= {r.external_id: r.key for r in rows if r.external_id}
    keys = set(OrgUnit.objects.values_list("key", flat=True)) | {r.key for r in rows}
    resolved = []
    for row in rows:
        parent = row.parent
        if parent and parent not in keys:
            if parent in by_kgst:
                parent = by_kgst[parent]
            else:
                problems.append(
                    Problem(row.key, _("Unbekannte übergeordnete Einheit „%(p)s“.") % {"p": parent})
                )
                parent = ""
        resolved.append(OrgUnitData(**{**asdict(row), "parent": parent}))
    return resolved


def _parents_first(rows: list[OrgUnitData], problems: list[Problem]) -> list[OrgUnitData]:
    by_key = {r.key: r for r in rows}
    ordered: list[OrgUnitData] = []
    state: dict[str, str] = {}

    def visit(row: OrgUnitData) -> None:
        if state.get(row.key) == "done":
            return
        if state.get(row.key) == "visiting":
            problems.append(
                Problem(row.key, _("Die Einheiten sind sich gegenseitig übergeordnet."))
            )
            return
        state[row.key] = "visiting"
        if row.parent in by_key:
            visit(by_key[row.parent])
        state[row.key] = "done"
        ordered.append(row)

    for row in rows:
        visit(row)
    return ordered


def plan_org_units(rows: list[OrgUnitData]) -> OrgUnitPlan:
    result = OrgUnitPlan()
    for row in rows:
        if not row.key or not row.name:
            result.problems.append(
                Problem(row.key or "?", _("Eine Einheit braucht „key“ und „name“."))
            )
        if row.kind not in OrgUnit.Kind.values:
            result.problems.append(Problem(row.key, _("Unbekannte Art „%(k)s“.") % {"k": row.kind}))
    ordered = _parents_first(_resolve_parents(rows, result.problems), result.problems)
    existing = {u.key: u for u in OrgUnit.objects.select_related("parent")}
    for row in ordered:
        unit = existing.get(row.key)
        if unit is None:
            result.new.append(row)
            continue
        before = asdict(org_unit_data(unit))
        changed = [name for name, value in asdict(row).items() if before[name] != value]
        if changed:
            result.changed.append((row, changed))
        else:
            result.unchanged += 1
    return result


@transaction.atomic
def apply_org_units(plan: OrgUnitPlan, actor: CatalogueActor) -> dict[str, int]:
    changed = {row.key: row for row, _fields in plan.changed}
    # New and changed rows in the plan's order, so that every parent exists before its child.
    for row in [*plan.new, *changed.values()]:
        if row.key in changed:
            update_org_unit(OrgUnit.objects.get(key=row.key), row, actor)
        else:
            create_org_unit(row, actor)
    return {"new": len(plan.new), "changed": len(plan.changed), "unchanged": plan.unchanged}
