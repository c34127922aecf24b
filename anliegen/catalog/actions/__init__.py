"""Every write to the catalogue: one typed function each, audited, used by every interface."""

from .org_units import OrgUnitData, create_org_unit, update_org_unit
from .services import (
    CatalogueActor,
    ResponsibilityData,
    ServiceData,
    catalogue_changed,
    create_service,
    retire_service,
    set_responsibilities,
    update_service,
)

__all__ = [
    "CatalogueActor",
    "OrgUnitData",
    "ResponsibilityData",
    "ServiceData",
    "catalogue_changed",
    "create_org_unit",
    "create_service",
    "retire_service",
    "set_responsibilities",
    "update_org_unit",
    "update_service",
]
