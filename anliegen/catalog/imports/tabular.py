"""CSV and XLSX: the spreadsheet an organisation office keeps (layout in
docs/admin/catalogue-import.md).

One row per service and responsibility: the first row of a service key carries the service's
fields; further rows with the same key add responsibilities (another office, or the same
office for other districts or streets). Lists inside a cell are separated by ``;``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext as _

from ..actions import OrgUnitData, ResponsibilityData, ServiceData
from . import leika
from .records import ALL_FIELDS, Catalogue, FormatError, ImportedService, Problem

SERVICE_COLUMNS = [
    "key",
    "name",
    "citizen_name",
    "leika_key",
    "office",
    "role",
    "districts",
    "streets",
    "synonyms",
    "online_service_url",
    "appointment_url",
    "topic",
    "kind",
    "description",
]
ORG_UNIT_COLUMNS = [
    "key",
    "name",
    "short_name",
    "kgst_number",
    "parent",
    "external_id",
    "kind",
    "email",
    "phone",
    "address",
]
ROLES = {"": "lead", "lead": "lead", "federführend": "lead"}
ROLES |= {"contributor": "contributor", "beteiligt": "contributor"}
Row = dict[str, str]


def split_list(cell: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(part.strip() for part in cell.split(";") if part.strip()))


def csv_rows(content: bytes) -> Iterator[tuple[int, Row]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in Windows-1252 unless told otherwise.
        text = content.decode("cp1252", errors="replace")
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    yield from _normalised(enumerate(reader, start=2), list(reader.fieldnames or []))


def xlsx_rows(content: bytes) -> Iterator[tuple[int, Row]]:
    from openpyxl import load_workbook  # only the XLSX path needs it

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, ValueError … on bad files
        raise FormatError(_("Die Datei ist keine lesbare XLSX-Tabelle.")) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(rows, ())]
    records = (
        (number, {h: _cell(v) for h, v in zip(header, values, strict=False) if h})
        for number, values in enumerate(rows, start=2)
    )
    yield from _normalised(records, header)
    workbook.close()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a LeiKa key or KGSt number typed as a number
    return str(value)


def _normalised(
    rows: Iterable[tuple[int, dict[str, str]]], header: list[str]
) -> Iterator[tuple[int, Row]]:
    names = {h.strip().lower() for h in header if h}
    if "key" not in names or "name" not in names:
        raise FormatError(
            _("Die Tabelle braucht die Spalten „key“ und „name“ (gefunden: %(cols)s).")
            % {"cols": ", ".join(h for h in header if h) or "–"}
        )
    for number, row in rows:
        clean = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k}
        if any(clean.values()):
            yield number, clean


RESPONSIBILITY_COLUMNS = {"office", "role", "districts", "streets"}


def _carried(columns: set[str]) -> frozenset[str]:
    """A sheet updates only the columns it has; the office column carries responsibilities."""
    fields = {c for c in columns if c in ALL_FIELDS}
    if columns & RESPONSIBILITY_COLUMNS:
        fields.add("responsibilities")
    return frozenset(fields)


def services(rows: Iterable[tuple[int, Row]]) -> Catalogue:
    catalogue = Catalogue(source="table")
    columns: set[str] = set()
    order: list[str] = []
    data: dict[str, ServiceData] = {}
    extra: dict[str, tuple[str, ...]] = {}
    where: dict[str, str] = {}
    responsibilities: dict[str, list[ResponsibilityData]] = {}
    for number, row in rows:
        columns |= set(row)
        key = row.get("key", "")
        if not key:
            catalogue.problems.append(Problem(f"Zeile {number}", _("Spalte „key“ ist leer.")))
            continue
        if key not in data:
            keys = leika.split_keys(row.get("leika_key", ""))
            order.append(key)
            where[key] = f"Zeile {number}"
            extra[key] = tuple(keys[1:])
            data[key] = ServiceData(
                key=key,
                name=row.get("name", ""),
                citizen_name=row.get("citizen_name", ""),
                description=row.get("description", ""),
                synonyms=split_list(row.get("synonyms", "")),
                leika_key=keys[0] if keys else "",
                online_service_url=row.get("online_service_url", ""),
                appointment_url=row.get("appointment_url", ""),
                kind=row.get("kind") or "request",
                topic=row.get("topic", ""),
            )
            responsibilities[key] = []
        role = ROLES.get(row.get("role", "").lower())
        if role is None:
            catalogue.problems.append(
                Problem(f"Zeile {number}", _("Unbekannte Rolle „%(r)s“.") % {"r": row["role"]})
            )
            continue
        for office in split_list(row.get("office", "")):
            responsibilities[key].append(
                ResponsibilityData(
                    org_unit=office,
                    role=role,
                    districts=split_list(row.get("districts", "")),
                    streets=split_list(row.get("streets", "")),
                )
            )
    for key in order:
        catalogue.services.append(
            ImportedService(data[key], tuple(responsibilities[key]), where[key], extra[key])
        )
    catalogue.fields = _carried(columns)
    return catalogue


def org_units(rows: Iterable[tuple[int, Row]]) -> list[OrgUnitData]:
    return [
        OrgUnitData(
            key=row.get("key", ""),
            name=row.get("name", ""),
            short_name=row.get("short_name", ""),
            kgst_number=row.get("kgst_number", ""),
            external_id=row.get("external_id", ""),
            kind=row.get("kind") or "amt",
            parent=row.get("parent", ""),
            email=row.get("email", ""),
            phone=row.get("phone", ""),
            address=row.get("address", ""),
        )
        for _number, row in rows
    ]


def write_csv(columns: list[str], rows: Iterable[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def write_xlsx(columns: list[str], rows: Iterable[Row]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(columns)
    for row in rows:
        # Text cells throughout, so that a LeiKa key keeps its 14 digits in Excel.
        sheet.append([row.get(c, "") for c in columns])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
