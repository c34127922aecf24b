"""Export of the catalogue, the org chart and the responsibilities in the import formats.

Each export reads back through its own reader into the same data (tests/catalogue/
test_round_trip.py). DLDB carries no districts, streets or roles, so those stay in CSV/XLSX
and XZuFi (roles).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from anliegen.organization.models import OrgUnit

from ..models import Responsibility, Service
from . import tabular, xzufi
from .pipeline import Format


def _services() -> QuerySet[Service]:
    rows = Responsibility.objects.select_related("org_unit").prefetch_related("districts")
    return (
        Service.objects.filter(is_active=True)
        .select_related("topic")
        .prefetch_related(Prefetch("responsibilities", queryset=rows))
        .order_by("key")
    )


def _join(values: list[str] | tuple[str, ...]) -> str:
    return "; ".join(values)


def service_rows() -> Iterator[tabular.Row]:
    for service in _services():
        base = {
            "key": service.key,
            "name": service.name,
            "citizen_name": service.citizen_name,
            "leika_key": service.leika_key,
            "synonyms": _join(service.synonyms),
            "online_service_url": service.online_service_url,
            "appointment_url": service.appointment_url,
            "topic": service.topic.name if service.topic else "",
            "kind": service.kind,
            "description": service.description,
        }
        responsibilities = sorted(
            service.responsibilities.all(), key=lambda r: (r.role, r.org_unit.key, r.pk)
        )
        if not responsibilities:
            yield base
        for number, r in enumerate(responsibilities):
            yield {
                **(base if number == 0 else {"key": service.key}),
                "office": r.org_unit.key,
                "role": r.role,
                "districts": _join(sorted(d.key for d in r.districts.all())),
                "streets": _join(r.streets),
            }


def org_unit_rows() -> Iterator[tabular.Row]:
    units = OrgUnit.objects.filter(is_active=True).select_related("parent").order_by("pk")
    for unit in units:
        yield {
            "key": unit.key,
            "name": unit.name,
            "short_name": unit.short_name,
            "kgst_number": unit.kgst_number,
            "parent": unit.parent.key if unit.parent else "",
            "external_id": unit.external_id,
            "kind": unit.kind,
            "email": unit.email,
            "phone": unit.phone,
            "address": unit.address,
        }


def _dldb_id(service: Service) -> str:
    return service.external_id if service.key == f"dldb-{service.external_id}" else service.key


def dldb() -> bytes:
    data = []
    for service in _services():
        service_id = _dldb_id(service)
        locations = [
            {
                "location": r.org_unit.external_id or r.org_unit.key,
                "appointment": {"allowed": bool(service.appointment_url)},
            }
            for r in sorted(service.responsibilities.all(), key=lambda r: r.org_unit.key)
        ]
        data.append(
            {
                "id": service_id,
                "name": service.name,
                "description": service.description_html or service.description,
                "meta": {"locale": "de", "keywords": ", ".join(service.synonyms)},
                "leika": service.leika_key or None,
                # Not a DLDB field (DLDB readers ignore it): keeps the attribution of a
                # catalogue that came from a DLDB source.
                "source": service.source,
                "locations": locations,
                "links": (
                    [{"name": "Online-Antrag", "link": service.online_service_url}]
                    if service.online_service_url
                    else []
                ),
                "appointment": {
                    "link": service.appointment_url.replace(service_id, "{serviceId}")
                    if service.appointment_url
                    else ""
                },
            }
        )
    meta = {"generated": timezone.now().isoformat(timespec="seconds"), "datacount": len(data)}
    return json.dumps({"meta": meta, "data": data}, ensure_ascii=False, indent=1).encode()


def _sub(parent: ET.Element, name: str, text: str = "", **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{xzufi.NS}}}{name}", attrs)
    if text:
        element.text = text
    return element


def _code(parent: ET.Element, name: str, code: str, list_uri: str) -> None:
    _sub(_sub(parent, name, listURI=list_uri), "code", code)


def _module(leistung: ET.Element, code: str, text: str) -> None:
    if text:
        module = _sub(leistung, "modulText")
        _sub(module, "inhalt", text, languageCode="de")
        _code(module, "leikaTextmodul", code, xzufi.TEXT_LIST)


def xzufi_document() -> bytes:
    ET.register_namespace("xzufi", xzufi.NS)
    root = ET.Element(f"{{{xzufi.NS}}}schreibe")
    units = OrgUnit.objects.filter(is_active=True).select_related("parent").order_by("pk")
    for unit in units:
        node = _sub(root, "organisationseinheit")
        _sub(node, "id", unit.external_id or unit.key)
        _sub(_sub(node, "name"), "name", unit.name, languageCode="de")
        if unit.short_name:
            _sub(node, "kurzbezeichnung", unit.short_name)
        if unit.parent:
            parent_id = unit.parent.external_id or unit.parent.key
            _sub(node, "uebergeordneteOrganisationseinheitID", parent_id)
    for service in _services():
        source_id = service.external_id or service.key
        leistung = _sub(root, "leistung")
        _sub(leistung, "id", source_id)
        if service.leika_key:
            _code(leistung, "referenzLeiKa", service.leika_key, xzufi.LEIKA_LIST)
        _module(leistung, xzufi.TEXT_NAME, service.name)
        _module(leistung, xzufi.TEXT_CITIZEN_NAME, service.citizen_name)
        _module(leistung, xzufi.TEXT_FULL, service.description_html or service.description)
        for synonym in service.synonyms:
            _sub(_sub(leistung, "begriffImKontext"), "begriff", synonym)
        for r in service.responsibilities.all():
            transfer = _sub(root, "zustaendigkeitTransferObjekt")
            _sub(transfer, "uebergeordnetesObjektID", r.org_unit.external_id or r.org_unit.key)
            zustaendigkeit = _sub(transfer, "zustaendigkeit")
            _sub(zustaendigkeit, "leistungID", source_id)
            role = xzufi.ROLE_LEAD if r.role == Responsibility.Role.LEAD else "02"
            _code(zustaendigkeit, "rolle", role, xzufi.ROLE_LIST)
        if service.online_service_url:
            dienst = _sub(root, "onlinedienst")
            _sub(dienst, "id", f"od-{source_id}")
            _sub(_sub(dienst, "link"), "link", service.online_service_url)
            transfer = _sub(root, "zustaendigkeitTransferObjekt")
            _sub(transfer, "uebergeordnetesObjektID", f"od-{source_id}")
            _sub(_sub(transfer, "zustaendigkeit"), "leistungID", source_id)
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document


def export_services(fmt: Format | str) -> bytes:
    match Format(fmt):
        case Format.DLDB:
            return dldb()
        case Format.XZUFI:
            return xzufi_document()
        case Format.CSV:
            return tabular.write_csv(tabular.SERVICE_COLUMNS, service_rows())
        case Format.XLSX:
            return tabular.write_xlsx(tabular.SERVICE_COLUMNS, service_rows())
    raise ValueError(fmt)  # pragma: no cover


def export_org_units(fmt: Format | str) -> bytes:
    match Format(fmt):
        case Format.CSV:
            return tabular.write_csv(tabular.ORG_UNIT_COLUMNS, org_unit_rows())
        case Format.XLSX:
            return tabular.write_xlsx(tabular.ORG_UNIT_COLUMNS, org_unit_rows())
        case Format.XZUFI:
            return xzufi_document()
    raise ValueError(_("Das Organigramm gibt es als CSV, XLSX oder XZuFi."))
