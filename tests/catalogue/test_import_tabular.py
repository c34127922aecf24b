"""CSV/XLSX import through the command: dry run, diff, apply, no-op re-import, retire."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from anliegen.catalog.imports import pipeline, tabular
from anliegen.catalog.models import Responsibility, Service
from anliegen.privacy.models import AuditEvent
from tests.conftest import City

from .conftest import DATA

CSV = DATA / "catalogue.csv"


def run(*args: Any) -> str:
    out = io.StringIO()
    call_command("import_catalogue", *map(str, args), stdout=out)
    return out.getvalue()


def test_dry_run_shows_the_diff_and_writes_nothing(city: City) -> None:
    before = Service.objects.count()
    out = run(CSV, "--format", "csv", "--dry-run")
    assert "Leistungen: 3 neu, 0 geändert, 0 stillgelegt, 0 unverändert" in out
    assert "+ sperrmuell: Sperrmüllabfuhr" in out
    assert "Dry run: nothing was written." in out
    assert Service.objects.count() == before
    assert not AuditEvent.objects.filter(action__startswith="catalogue.").exists()


def test_apply_writes_services_responsibilities_and_audit_rows(
    city: City, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run(CSV, "--format", "csv")
    service = Service.objects.get(key="sperrmuell")
    assert service.citizen_name == "Sperrmüll abholen lassen"
    assert service.synonyms == ["Sperrmüll", "alte Möbel", "Matratze entsorgen"]
    assert service.leika_key == "99032011000000"
    assert service.topic is not None and service.topic.name == "Abfall"
    rows = {(r.org_unit.key, r.role): r for r in service.responsibilities.all()}
    assert set(rows) == {("tiefbauamt", "lead"), ("tiefbauamt", "contributor")}
    contributor = rows[("tiefbauamt", "contributor")]
    assert [d.key for d in contributor.districts.all()] == ["nord"]
    assert contributor.streets == ["Hauptstraße", "Marktplatz"]
    # Offices named by KGSt number resolve to the unit: 32.2 is the Vollzugsdienst.
    baustelle = Service.objects.get(key="baustelle")
    assert baustelle.kind == "defect"
    assert baustelle.responsibilities.get().org_unit == city.vollzugsdienst
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert "catalogue.service_created" in actions


def test_reimport_of_the_same_file_is_a_no_op(city: City) -> None:
    run(CSV, "--format", "csv")
    audit_rows = AuditEvent.objects.count()
    out = run(CSV, "--format", "csv")
    assert "0 neu, 0 geändert, 0 stillgelegt, 3 unverändert" in out
    assert "Nothing to change." in out
    assert AuditEvent.objects.count() == audit_rows


def test_a_changed_field_shows_old_and_new_value(city: City, tmp_path: Path) -> None:
    run(CSV, "--format", "csv")
    changed = tmp_path / "changed.csv"
    changed.write_text(
        CSV.read_text(encoding="utf-8").replace(
            "Hund anmelden,99068005000000", "Hund an- oder abmelden,99068005000000"
        ),
        encoding="utf-8",
    )
    out = run(changed, "--format", "csv", "--dry-run")
    assert "~ hundesteuer" in out
    assert "citizen_name: Hund anmelden → Hund an- oder abmelden" in out
    run(changed, "--format", "csv")
    assert Service.objects.get(key="hundesteuer").citizen_name == "Hund an- oder abmelden"
    event = AuditEvent.objects.filter(action="catalogue.service_updated").get()
    assert event.detail == {"service": "hundesteuer", "fields": ["citizen_name"]}


def test_full_import_retires_missing_services_and_keeps_them(city: City, tmp_path: Path) -> None:
    run(CSV, "--format", "csv")
    lines = CSV.read_text(encoding="utf-8").splitlines()
    shorter = tmp_path / "shorter.csv"
    shorter.write_text("\n".join(line for line in lines if not line.startswith("baustelle")))
    out = run(shorter, "--format", "csv", "--full", "--dry-run")
    # Missing from a full import: the Koblenz test city's own three and the Baustelle.
    assert "- baustelle: Baustelle ohne Genehmigung" in out
    assert "- falschparker" in out
    run(shorter, "--format", "csv", "--full")
    retired = Service.objects.get(key="baustelle")
    assert retired.is_active is False  # retired, not deleted: tickets keep it
    assert Responsibility.objects.filter(service=retired).exists()
    assert AuditEvent.objects.filter(
        action="catalogue.service_retired", detail__service="baustelle"
    ).exists()
    # Without --full nothing is retired, and the next import brings a retired service back.
    out = run(CSV, "--format", "csv", "--dry-run")
    assert "is_active: False → True" in out
    run(CSV, "--format", "csv")
    assert Service.objects.get(key="baustelle").is_active is True


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("leika_key=9905001210400", "14 Ziffern"),
        ("leika_key=12050012104000", "beginnt mit 99"),
        ("online_service_url=javascript:alert(1)", "keine gültige Adresse"),
        ("office=amt-gibt-es-nicht", "Unbekannte Organisationseinheit"),
        ("districts=mond", "Unbekannter Stadtteil"),
    ],
)
def test_invalid_rows_block_the_import(city: City, tmp_path: Path, cell: str, message: str) -> None:
    column, value = cell.split("=", 1)
    row = {"key": "neu", "name": "Neue Leistung", "office": "sozialamt", column: value}
    path = tmp_path / "bad.csv"
    path.write_bytes(tabular.write_csv(tabular.SERVICE_COLUMNS, [row]))
    with pytest.raises(CommandError, match="nothing was written"):
        run(path, "--format", "csv")
    assert not Service.objects.filter(key="neu").exists()
    plan = pipeline.plan(path.read_bytes(), "csv")
    assert any(message in p.message for p in plan.catalogue.errors)


def test_a_file_that_is_not_a_table_gets_a_clear_message(city: City, tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("Einkaufsliste\nMilch\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Spalten „key“ und „name“"):
        run(path, "--format", "csv")
    xlsx = tmp_path / "broken.xlsx"
    xlsx.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(CommandError, match="keine lesbare XLSX-Tabelle"):
        run(xlsx, "--format", "xlsx")


def test_xlsx_with_numeric_cells_imports_like_csv(city: City, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["key", "name", "leika_key", "office"])
    # Spreadsheets turn keys and KGSt numbers into numbers; the reader gets the digits back.
    sheet.append(["hund", "Hundesteuer", 99068005000000, 50])
    path = tmp_path / "catalogue.xlsx"
    workbook.save(path)
    run(path, "--format", "xlsx")
    service = Service.objects.get(key="hund")
    assert service.leika_key == "99068005000000"
    assert service.responsibilities.get().org_unit == city.sozialamt


def test_a_sheet_without_a_column_leaves_that_field_alone(city: City, tmp_path: Path) -> None:
    run(CSV, "--format", "csv")
    names_only = tmp_path / "names.csv"
    names_only.write_text("key,name\nhundesteuer,Hundesteuer\n", encoding="utf-8")
    out = run(names_only, "--format", "csv", "--dry-run")
    assert "~ hundesteuer" in out and "name: Hundesteuer An- und Abmeldung → Hundesteuer" in out
    run(names_only, "--format", "csv")
    service = Service.objects.get(key="hundesteuer")
    assert service.name == "Hundesteuer"
    assert service.synonyms == ["Hund anmelden", "Hundemarke"]  # no synonyms column: kept
    assert service.responsibilities.get().org_unit == city.sozialamt
