"""The plan of an import as text lines (command output; the admin page renders the same data)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from .diff import ChangeKind
from .pipeline import Plan

LIMIT = 60


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    text = " ".join(text.split())
    return text if len(text) <= LIMIT else text[: LIMIT - 1] + "…"


def lines(plan: Plan, *, verbose: bool = True) -> Iterator[str]:
    for problem in [*plan.org_units.problems, *plan.catalogue.problems]:
        yield f"{problem.severity.upper():8s} {problem.where}: {problem.message}"
    units = plan.org_units
    if units.new or units.changed:
        yield _(
            "Organisationseinheiten: %(new)d neu, %(changed)d geändert, %(same)d unverändert"
        ) % {
            "new": len(units.new),
            "changed": len(units.changed),
            "same": units.unchanged,
        }
        for row in units.new:
            yield f"  + {row.key}: {row.name}"
        for row, fields in units.changed:
            yield f"  ~ {row.key}: {', '.join(fields)}"
    summary = plan.diff.summary()
    yield (
        _(
            "Leistungen: %(new)d neu, %(changed)d geändert, %(retired)d stillgelegt, "
            "%(unchanged)d unverändert"
        )
        % summary
    )
    if not verbose:
        return
    marks = {ChangeKind.NEW: "+", ChangeKind.CHANGED: "~", ChangeKind.RETIRED: "-"}
    for change in plan.diff.changes:
        yield f"  {marks[change.kind]} {change.key}: {change.name}"
        for field in change.fields:
            yield f"      {field.name}: {_short(field.old)} → {_short(field.new)}"
