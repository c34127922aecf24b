"""The real DLDB file of a second city, imported into an empty database with its org chart."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from anliegen.catalog.imports import pipeline
from anliegen.catalog.models import Service
from anliegen.organization.models import OrgUnit

from .conftest import DATA

ORG_CHART = DATA / "dldb_city_org_units.csv"


def command(name: str, *args: Any) -> str:
    out = io.StringIO()
    call_command(name, *map(str, args), stdout=out)
    return out.getvalue()


def import_city(dldb_file: Path) -> str:
    command("import_org_units", ORG_CHART, "--format", "csv")
    return command("import_catalogue", dldb_file, "--format", "dldb", "--full")


def test_org_chart_with_kgst_numbers_and_parents(db: None) -> None:
    out = command("import_org_units", ORG_CHART, "--format", "csv", "--dry-run")
    assert "org units: 132 new" in out
    assert not OrgUnit.objects.exists()
    command("import_org_units", ORG_CHART, "--format", "csv")
    kfz = OrgUnit.objects.get(key="kfz-zulassung")
    assert (kfz.kgst_number, kfz.parent and kfz.parent.key) == ("36.1", "verkehr")
    location = OrgUnit.objects.get(external_id="10308013")
    assert location.parent == kfz
    again = command("import_org_units", ORG_CHART, "--format", "csv")
    assert "0 new, 0 changed, 132 unchanged" in again


def test_without_the_org_chart_every_location_is_an_unknown_office(
    db: None, dldb_file: Path
) -> None:
    with pytest.raises(CommandError, match="nothing was written"):
        command("import_catalogue", dldb_file, "--format", "dldb")
    plan = pipeline.plan(dldb_file.read_bytes(), "dldb")
    assert any(
        "Unbekannte Organisationseinheit „10546“" in p.message for p in plan.catalogue.errors
    )
    assert not Service.objects.exists()


def test_import_into_an_empty_database(db: None, dldb_file: Path) -> None:
    out = import_city(dldb_file)
    assert "Leistungen: 287 neu" in out
    assert Service.objects.filter(is_active=True).count() == 287
    trade = Service.objects.get(key="dldb-1063423")
    assert trade.name == "Gewerbe-Anmeldung"
    assert trade.leika_key == "99050012104000"
    assert "Gewerbeanmeldung" in trade.synonyms
    assert trade.appointment_url.endswith("#/services/1063423")
    assert trade.responsibilities.get().org_unit.parent.key == "gewerbe"  # type: ignore[union-attr]
    # The source's HTML, sanitised, with attribution; a plain version for search and routing.
    assert (
        "<strong>vor oder spätestens mit Aufnahme der Tätigkeit</strong>" in trade.description_html
    )
    assert "Gebühren" in trade.description_html and "50 bis 60 Euro" in trade.description_html
    assert "<" not in trade.description and "Gewinn zu erzielen" in trade.description
    assert "Stadtverwaltung München" in trade.source and "DLDB" in trade.source
    assert "Stand 2026-06-08" in trade.source
    # One service lists four LeiKa keys: the first is kept, the others are reported.
    assert "Weitere LeiKa-Schlüssel 99036008007004" in out
    assert Service.objects.get(key="dldb-1064076").leika_key == "99036008007003"


def test_reimport_is_a_no_op(db: None, dldb_file: Path) -> None:
    import_city(dldb_file)
    out = command("import_catalogue", dldb_file, "--format", "dldb", "--full", "--quiet-diff")
    assert "0 neu, 0 geändert, 0 stillgelegt, 287 unverändert" in out
    assert "Nothing to change." in out


def test_a_later_full_import_without_a_service_retires_it(
    db: None, dldb_file: Path, tmp_path: Path
) -> None:
    import json

    import_city(dldb_file)
    document = json.loads(dldb_file.read_text(encoding="utf-8"))
    document["data"] = [s for s in document["data"] if s["id"] != "1063519"]  # Fundsache
    shorter = tmp_path / "shorter.json"
    shorter.write_text(json.dumps(document), encoding="utf-8")
    out = command("import_catalogue", shorter, "--format", "dldb", "--full")
    assert "0 neu, 0 geändert, 1 stillgelegt, 286 unverändert" in out
    assert Service.objects.get(key="dldb-1063519").is_active is False
