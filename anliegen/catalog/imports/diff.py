"""What an import would change, per service and per field, before anything is written."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from django.db.models import Prefetch

from ..actions.services import responsibility_data, responsibility_order, service_data
from ..models import Responsibility, Service
from .records import ALL_FIELDS, Catalogue, ImportedService


class ChangeKind(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    RETIRED = "retired"


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ServiceChange:
    key: str
    name: str
    kind: ChangeKind
    fields: tuple[FieldChange, ...] = ()
    item: ImportedService | None = None


@dataclass
class Diff:
    changes: list[ServiceChange] = field(default_factory=list)
    unchanged: int = 0
    fields: frozenset[str] = ALL_FIELDS

    def of_kind(self, kind: ChangeKind) -> list[ServiceChange]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def is_empty(self) -> bool:
        return not self.changes

    def summary(self) -> dict[str, int]:
        return {
            "new": len(self.of_kind(ChangeKind.NEW)),
            "changed": len(self.of_kind(ChangeKind.CHANGED)),
            "retired": len(self.of_kind(ChangeKind.RETIRED)),
            "unchanged": self.unchanged,
        }

    def fingerprint(self) -> str:
        """Identifies this exact set of changes: the second step of the admin page applies
        only what the person saw in the first."""
        rows = [
            [c.key, c.kind, [[f.name, _plain(f.old), _plain(f.new)] for f in c.fields]]
            for c in self.changes
        ]
        return hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    return value


def _field_changes(
    service: Service, item: ImportedService, carried: frozenset[str]
) -> list[FieldChange]:
    before = asdict(service_data(service))
    after = asdict(item.data)
    changes = [
        FieldChange(name, before[name], after[name])
        for name in after
        if name in carried and before[name] != after[name]
    ]
    old_rows = responsibility_data(service)
    new_rows = tuple(sorted(item.responsibilities, key=responsibility_order))
    if "responsibilities" in carried and old_rows != new_rows:
        changes.append(FieldChange("responsibilities", old_rows, new_rows))
    if not service.is_active:
        changes.append(FieldChange("is_active", False, True))
    return changes


def compute(catalogue: Catalogue, *, full: bool) -> Diff:
    """Compare a validated catalogue with the database. ``full``: the file is the whole
    catalogue, so active services missing from it are retired."""
    keys = [s.data.key for s in catalogue.services]
    existing = {
        s.key: s
        for s in Service.objects.filter(key__in=keys)
        .select_related("topic")
        .prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("org_unit").prefetch_related(
                    "districts"
                ),
            )
        )
    }
    diff = Diff(fields=catalogue.fields)
    for item in catalogue.services:
        service = existing.get(item.data.key)
        if service is None:
            diff.changes.append(
                ServiceChange(item.data.key, item.data.name, ChangeKind.NEW, item=item)
            )
            continue
        changes = _field_changes(service, item, catalogue.fields)
        if changes:
            diff.changes.append(
                ServiceChange(
                    item.data.key, item.data.name, ChangeKind.CHANGED, tuple(changes), item
                )
            )
        else:
            diff.unchanged += 1
    if full:
        missing = Service.objects.filter(is_active=True).exclude(key__in=keys).order_by("key")
        for service in missing:
            diff.changes.append(ServiceChange(service.key, service.name, ChangeKind.RETIRED))
    return diff
