"""Checks before anything is written: LeiKa keys, links, offices, districts, duplicates.

Errors block the import; warnings are shown in the diff and the import goes ahead.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from anliegen.organization.models import OrgUnit

from ..actions import ResponsibilityData
from ..models import District, Responsibility, Service
from . import leika
from .records import Catalogue, ImportedService, Problem, Severity

_url = URLValidator(schemes=["http", "https"])
KEY_MAX = Service._meta.get_field("key").max_length or 100


def office_index(catalogue: Catalogue) -> dict[str, str]:
    """Every way a source names an office (key, external id, KGSt number) → the unit's key.

    The org units of the same import count as known, so a spreadsheet may bring both."""
    index: dict[str, str] = {}
    units = [(u.key, u.external_id, u.kgst_number) for u in OrgUnit.objects.filter(is_active=True)]
    units += [(u.key, u.external_id, u.kgst_number) for u in catalogue.org_units]
    kgst = Counter(number for _key, _ext, number in units if number)
    for key, _ext, number in units:
        if number and kgst[number] == 1:
            index.setdefault(number, key)
    for key, external_id, _number in units:
        if external_id:
            index[external_id] = key
    for key, _ext, _number in units:
        index[key] = key
    return index


def _url_problem(url: str, label: str) -> str | None:
    if not url:
        return None
    try:
        _url(url)
    except ValidationError:
        return _("%(label)s ist keine gültige Adresse (http/https): „%(url)s“") % {
            "label": label,
            "url": url,
        }
    return None


def _check_service(
    item: ImportedService, offices: dict[str, str], districts: set[str]
) -> tuple[ImportedService, list[Problem]]:
    data, where = item.data, item.where or item.data.key
    problems: list[Problem] = []
    if not data.key or len(data.key) > KEY_MAX:
        problems.append(Problem(where, _("Die Leistung hat keinen gültigen Schlüssel.")))
    if not data.name.strip():
        problems.append(Problem(where, _("Die Leistung hat keine Bezeichnung.")))
    if data.leika_key and (why := leika.problem(data.leika_key)):
        problems.append(Problem(where, why))
    for extra in item.extra_leika_keys:
        problems.append(
            Problem(
                where,
                _("Weitere LeiKa-Schlüssel %(key)s nicht übernommen (eine Leistung hat einen).")
                % {"key": extra},
                Severity.WARNING,
            )
        )
    for url, label in (
        (data.online_service_url, _("Der Online-Dienst")),
        (data.appointment_url, _("Die Terminbuchung")),
    ):
        if why := _url_problem(url, label):
            problems.append(Problem(where, why))
    resolved: list[ResponsibilityData] = []
    for row in item.responsibilities:
        unit = offices.get(row.org_unit)
        if unit is None:
            problems.append(
                Problem(
                    where,
                    _(
                        "Unbekannte Organisationseinheit „%(ref)s“ (weder Schlüssel, externe ID "
                        "noch KGSt-Nummer einer Einheit)."
                    )
                    % {"ref": row.org_unit},
                )
            )
            continue
        if row.role not in Responsibility.Role.values:
            problems.append(Problem(where, _("Unbekannte Rolle „%(r)s“.") % {"r": row.role}))
            continue
        unknown = [k for k in row.districts if k not in districts]
        if unknown:
            problems.append(
                Problem(where, _("Unbekannter Stadtteil: %(k)s") % {"k": ", ".join(unknown)})
            )
            continue
        resolved.append(replace(row, org_unit=unit, districts=tuple(sorted(set(row.districts)))))
    if not item.responsibilities:
        problems.append(
            Problem(where, _("Keine zuständige Organisationseinheit angegeben."), Severity.WARNING)
        )
    return replace(item, responsibilities=tuple(dict.fromkeys(resolved))), problems


def validate(catalogue: Catalogue) -> Catalogue:
    """The same catalogue with offices resolved to unit keys and all problems listed."""
    offices = office_index(catalogue)
    districts = set(District.objects.values_list("key", flat=True))
    problems = list(catalogue.problems)
    checked: list[ImportedService] = []
    for item in catalogue.services:
        resolved, found = _check_service(item, offices, districts)
        checked.append(resolved)
        problems += found
    for key, count in Counter(s.data.key for s in checked).items():
        if count > 1:
            problems.append(
                Problem(key, _("Der Schlüssel kommt %(n)d-mal in der Datei vor.") % {"n": count})
            )
    for key, count in Counter(s.data.leika_key for s in checked if s.data.leika_key).items():
        if count > 1:
            problems.append(
                Problem(
                    key,
                    _("%(n)d Leistungen tragen denselben LeiKa-Schlüssel.") % {"n": count},
                    Severity.WARNING,
                )
            )
    return Catalogue(checked, catalogue.org_units, problems, catalogue.source, catalogue.fields)
