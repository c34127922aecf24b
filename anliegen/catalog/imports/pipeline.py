"""One call per step for every interface (command, admin page): read → validate → diff → apply."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from ..actions import CatalogueActor
from . import dldb, tabular, xzufi
from .apply import apply
from .diff import Diff, compute
from .org_units import OrgUnitPlan, apply_org_units, plan_org_units
from .records import Catalogue, FormatError
from .validate import validate


class Format(StrEnum):
    DLDB = "dldb"
    XZUFI = "xzufi"
    CSV = "csv"
    XLSX = "xlsx"


def read(content: bytes, fmt: Format | str) -> Catalogue:
    """Parse ``content`` as ``fmt`` into the format-neutral catalogue (nothing validated yet)."""
    match Format(fmt):
        case Format.DLDB:
            return dldb.read(content)
        case Format.XZUFI:
            return xzufi.read(content)
        case Format.CSV:
            return tabular.services(tabular.csv_rows(content))
        case Format.XLSX:
            return tabular.services(tabular.xlsx_rows(content))
    raise FormatError(_("Unbekanntes Format."))  # pragma: no cover - StrEnum refuses first


@dataclass
class Plan:
    catalogue: Catalogue
    org_units: OrgUnitPlan
    diff: Diff

    @property
    def can_apply(self) -> bool:
        return not self.catalogue.errors and not self.org_units.errors


def plan(content: bytes, fmt: Format | str, *, full: bool = False) -> Plan:
    """What importing ``content`` would do, without writing anything."""
    catalogue = validate(read(content, fmt))
    units = plan_org_units(catalogue.org_units)
    return Plan(catalogue, units, compute(catalogue, full=full))


def run(
    content: bytes, fmt: Format | str, actor: CatalogueActor, *, full: bool = False
) -> tuple[Plan, dict[str, int]]:
    """Plan and, when there are no errors, apply it (org units first, then services)."""
    result = plan(content, fmt, full=full)
    if not result.can_apply:
        return result, {}
    apply_org_units(result.org_units, actor)
    return result, apply(result.diff, actor)
