"""Create and update org units from an imported org chart (audited like every catalogue write).

The org chart lives in ``organization``; its import belongs to the catalogue because an
org chart and the responsibilities that point into it arrive together.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from anliegen.organization.models import OrgUnit
from anliegen.privacy import audit

from .services import CatalogueActor, full_clean_or_fail


@dataclass(frozen=True)
class OrgUnitData:
    key: str
    name: str
    short_name: str = ""
    kgst_number: str = ""
    external_id: str = ""
    kind: str = OrgUnit.Kind.AMT
    parent: str = ""  # key of the parent unit
    email: str = ""
    phone: str = ""
    address: str = ""


def org_unit_data(unit: OrgUnit) -> OrgUnitData:
    return OrgUnitData(
        key=unit.key,
        name=unit.name,
        short_name=unit.short_name,
        kgst_number=unit.kgst_number,
        external_id=unit.external_id,
        kind=unit.kind,
        parent=unit.parent.key if unit.parent else "",
        email=unit.email,
        phone=unit.phone,
        address=unit.address,
    )


def _apply(unit: OrgUnit, data: OrgUnitData) -> None:
    values: dict[str, Any] = asdict(data)
    parent_key = values.pop("parent")
    for name, value in values.items():
        setattr(unit, name, value)
    unit.parent = OrgUnit.objects.get(key=parent_key) if parent_key else None
    unit.is_external = data.kind == OrgUnit.Kind.EXTERNAL
    full_clean_or_fail(unit, _("Organisationseinheit %(key)s ist ungültig: %(errors)s"))
    unit.save()


@transaction.atomic
def create_org_unit(data: OrgUnitData, actor: CatalogueActor) -> OrgUnit:
    unit = OrgUnit()
    _apply(unit, data)
    audit.record(actor.label, "catalogue.org_unit_created", actor_id=actor.user_id, unit=unit.key)
    return unit


@transaction.atomic
def update_org_unit(unit: OrgUnit, data: OrgUnitData, actor: CatalogueActor) -> list[str]:
    before = asdict(org_unit_data(unit))
    changed = [name for name, value in asdict(data).items() if before[name] != value]
    if not changed:
        return []
    _apply(unit, data)
    audit.record(
        actor.label,
        "catalogue.org_unit_updated",
        actor_id=actor.user_id,
        unit=unit.key,
        fields=changed,
    )
    return changed
