"""XZuFi: the team-written sample with Leistung, Organisationseinheit, Onlinedienst and
Zuständigkeit."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from anliegen.catalog.imports import pipeline
from anliegen.catalog.imports.records import FormatError
from anliegen.catalog.models import Service
from anliegen.organization.models import OrgUnit

from .conftest import DATA

SAMPLE = DATA / "xzufi_sample.xml"


def run(*args: Any) -> str:
    out = io.StringIO()
    call_command("import_catalogue", *map(str, args), stdout=out)
    return out.getvalue()


def test_sample_imports_units_services_and_responsibilities(db: None) -> None:
    out = run(SAMPLE, "--format", "xzufi", "--dry-run")
    assert "Organisationseinheiten: 3 neu" in out
    assert "Leistungen: 2 neu" in out
    assert not Service.objects.exists() and not OrgUnit.objects.exists()
    run(SAMPLE, "--format", "xzufi")
    office = OrgUnit.objects.get(external_id="OE-33")
    assert (office.name, office.short_name) == ("Bürgeramt", "BA")
    assert office.parent is not None and office.parent.external_id == "OE-1"
    service = Service.objects.get(external_id="L-100")
    assert service.name == "Wohnsitz Anmeldung"
    assert service.citizen_name == "Umzug nach Musterstadt melden"
    assert service.leika_key == "99115001001000"
    assert service.synonyms == ["Ummeldung", "neue Wohnung anmelden"]
    assert service.online_service_url == "https://buergerportal.musterstadt.example/anmeldung"
    assert "<strong>innerhalb von zwei Wochen</strong>" in service.description_html
    assert "script" not in service.description_html and "alert" not in service.description_html
    assert service.responsibilities.get().org_unit == office
    assert Service.objects.get(external_id="L-200").responsibilities.get().org_unit.name == (
        "Tiefbauamt"
    )


def test_reimport_is_a_no_op(db: None) -> None:
    run(SAMPLE, "--format", "xzufi")
    out = run(SAMPLE, "--format", "xzufi")
    assert "0 neu, 0 geändert, 0 stillgelegt, 2 unverändert" in out
    assert "Nothing to change." in out


def test_org_units_alone_through_import_org_units(db: None) -> None:
    out = io.StringIO()
    call_command("import_org_units", str(SAMPLE), "--format", "xzufi", stdout=out)
    assert "3 new" in out.getvalue()
    assert OrgUnit.objects.get(external_id="OE-66").parent.external_id == "OE-1"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<kaputt", "kein gültiges XML"),
        (b"<leistungen><leistung/></leistungen>", "keine XZuFi-Elemente"),
    ],
)
def test_bad_files_get_a_clear_message(
    db: None, tmp_path: Any, content: bytes, message: str
) -> None:
    path = tmp_path / "x.xml"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(path, "--format", "xzufi")
    with pytest.raises(FormatError):
        pipeline.read(content, "xzufi")
