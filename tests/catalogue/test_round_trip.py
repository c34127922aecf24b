"""Export → import into an emptied catalogue → export again gives the same file, and
re-importing an export into the catalogue it came from changes nothing (each format)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from anliegen.catalog.actions import CatalogueActor
from anliegen.catalog.imports import export, pipeline
from anliegen.catalog.models import Responsibility, Service
from anliegen.organization.models import OrgUnit
from tests.conftest import City

from .conftest import DATA

ACTOR = CatalogueActor("test")


def _stable(fmt: str, content: bytes) -> bytes:
    if fmt == "dldb":
        document = json.loads(content)
        document["meta"].pop("generated")
        return json.dumps(document, sort_keys=True).encode()
    if fmt == "xlsx":
        # A workbook's zip carries timestamps: compare its cells instead.
        from anliegen.catalog.imports import tabular

        return repr(list(tabular.xlsx_rows(content))).encode()
    return content


def _empty_catalogue() -> None:
    Responsibility.objects.all().delete()
    Service.objects.all().delete()


def _load(fmt: str, dldb_file: Path | None) -> None:
    if fmt == "dldb":
        assert dldb_file is not None
        call_command(
            "import_org_units",
            str(DATA / "dldb_city_org_units.csv"),
            "--format",
            "csv",
            stdout=io.StringIO(),
        )
        content = dldb_file.read_bytes()
    elif fmt == "xzufi":
        content = (DATA / "xzufi_sample.xml").read_bytes()
    else:
        content = (DATA / "catalogue.csv").read_bytes()
    plan, _result = pipeline.run(
        content, "dldb" if fmt == "dldb" else "xzufi" if fmt == "xzufi" else "csv", ACTOR
    )
    assert plan.can_apply, plan.catalogue.errors


@pytest.fixture
def source(request: pytest.FixtureRequest, db: None) -> str:
    fmt: str = request.param
    if fmt in {"csv", "xlsx"}:  # the sample sheet names the test city's offices
        request.getfixturevalue("city")
    dldb_file = request.getfixturevalue("dldb_file") if fmt == "dldb" else None
    _load(fmt, dldb_file)
    return fmt


@pytest.mark.parametrize("source", ["csv", "xlsx", "xzufi", "dldb"], indirect=True)
def test_round_trip(source: str) -> None:
    fmt = source
    first = export.export_services(fmt)
    before = {
        s.key: (s.name, s.leika_key, tuple(s.synonyms))
        for s in Service.objects.filter(is_active=True)
    }
    # Re-importing the export into the catalogue it came from: nothing changes.
    again = pipeline.plan(first, fmt)
    assert again.can_apply, again.catalogue.errors
    assert again.diff.is_empty, [c.key for c in again.diff.changes][:5]
    # Into an emptied catalogue: the same services come back, and export the same.
    _empty_catalogue()
    plan, result = pipeline.run(first, fmt, ACTOR)
    assert plan.can_apply, plan.catalogue.errors
    assert result["new"] == len(before)
    after = {
        s.key: (s.name, s.leika_key, tuple(s.synonyms))
        for s in Service.objects.filter(is_active=True)
    }
    assert after == before
    assert _stable(fmt, export.export_services(fmt)) == _stable(fmt, first)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "xzufi"])
def test_org_chart_round_trip(city: City, fmt: str) -> None:
    from anliegen.catalog.imports import tabular, xzufi
    from anliegen.catalog.imports.org_units import apply_org_units, plan_org_units

    content = export.export_org_units(fmt)

    def rows(data: bytes) -> list[Any]:
        if fmt == "xzufi":
            return xzufi.read(data).org_units
        return tabular.org_units((tabular.xlsx_rows if fmt == "xlsx" else tabular.csv_rows)(data))

    plan = plan_org_units(rows(content))
    assert plan.is_empty and not plan.problems
    assert plan.unchanged == OrgUnit.objects.count()
    if fmt != "xzufi":  # XZuFi carries no KGSt numbers: only the spreadsheet recreates them
        unit = OrgUnit.objects.get(key="vollzugsdienst")
        unit.kgst_number, unit.parent = "", None
        unit.save()
        plan = plan_org_units(rows(content))
        assert [(r.key, fields) for r, fields in plan.changed] == [
            ("vollzugsdienst", ["kgst_number", "parent"])
        ]
        apply_org_units(plan, ACTOR)
        restored = OrgUnit.objects.get(key="vollzugsdienst")
        assert (restored.kgst_number, restored.parent_id) == ("32.2", city.ordnungsamt.pk)
    assert re.sub(rb"\s", b"", content)
