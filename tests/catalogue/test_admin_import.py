"""The catalogue import as an admin page: upload, review the diff, apply exactly what was seen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from anliegen.catalog.models import Service
from anliegen.privacy.models import AuditEvent
from tests.conftest import City

from .conftest import DATA

URL = "/admin/catalog/service/import/"


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path


@pytest.fixture
def admin(city: City) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(city.admin)
    return client


def _upload(client: Client, content: bytes, fmt: str = "csv", **extra: str) -> Any:
    file = SimpleUploadedFile("katalog.csv", content, content_type="text/csv")
    return client.post(URL, {"file": file, "format": fmt, **extra})


def _confirm(response: Any) -> dict[str, str]:
    apply = response.context["apply"]
    data = {k: str(apply[k]) for k in ("digest", "format", "fingerprint")}
    if apply["full"]:
        data["full"] = "on"
    return data


def test_the_changelist_links_to_the_import(admin: Client) -> None:
    page = admin.get("/admin/catalog/service/").content.decode()
    assert URL in page and "Katalog einspielen" in page


def test_upload_shows_the_diff_and_writes_nothing(admin: Client) -> None:
    before = Service.objects.count()
    response = _upload(admin, (DATA / "catalogue.csv").read_bytes())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vorschau: noch ist nichts gespeichert" in page
    assert "+ sperrmuell: Sperrmüllabfuhr" in page
    assert "3 neu, 0 geändert, 0 stillgelegt" in page
    assert Service.objects.count() == before
    assert not AuditEvent.objects.filter(action__startswith="catalogue.").exists()


def test_confirm_applies_what_was_reviewed_and_a_second_upload_changes_nothing(
    admin: Client, django_capture_on_commit_callbacks: Any
) -> None:
    content = (DATA / "catalogue.csv").read_bytes()
    review = _upload(admin, content)
    with django_capture_on_commit_callbacks(execute=True):
        done = admin.post(URL, _confirm(review), follow=True)
    assert "Katalog eingespielt: 3 neu, 0 geändert, 0 stillgelegt" in done.content.decode()
    service = Service.objects.get(key="sperrmuell")
    assert service.citizen_name == "Sperrmüll abholen lassen"
    audit = AuditEvent.objects.filter(action="catalogue.service_created")
    assert audit.count() == 3
    again = _upload(admin, content).content.decode()
    assert "Die Datei ändert nichts." in again
    assert "Diese Änderungen übernehmen" not in again


def test_a_change_between_review_and_confirm_shows_the_new_diff(admin: Client) -> None:
    content = (DATA / "catalogue.csv").read_bytes()
    review = _upload(admin, content)
    _upload(admin, content)  # someone else applies the same file meanwhile …
    admin.post(URL, _confirm(_upload(admin, content)))
    stale = admin.post(URL, _confirm(review))
    page = stale.content.decode()
    assert stale.status_code == 200
    assert "Der Katalog hat sich seit der Vorschau geändert" in page
    assert Service.objects.filter(key="sperrmuell").count() == 1


def test_errors_in_the_file_block_the_import_with_a_clear_message(admin: Client) -> None:
    bad = "key,name,leika_key,office\nsperrmuell,Sperrmüll,12345,66\n".encode()
    page = _upload(admin, bad).content.decode()
    assert "14 Ziffern" in page
    assert "Die Datei enthält Fehler" in page
    assert "Diese Änderungen übernehmen" not in page
    not_a_table = _upload(admin, b"\x00\x01 kein CSV").content.decode()
    assert "key" in not_a_table and "name" in not_a_table  # the missing columns are named
    broken = _upload(admin, b"PK\x03\x04 kaputt", fmt="xlsx")
    assert broken.status_code == 200
    assert "keine lesbare XLSX-Tabelle" in broken.content.decode()


def test_a_missing_upload_asks_to_upload_again(admin: Client) -> None:
    response = admin.post(URL, {"digest": "0" * 64, "format": "csv", "fingerprint": "0" * 64})
    assert response.status_code == 200
    assert "Bitte laden Sie sie erneut" in response.content.decode()


def test_staff_without_catalogue_rights_cannot_import(city: City) -> None:
    client = Client(raise_request_exception=False)
    city.lead_ordnung.is_staff = True
    city.lead_ordnung.save()
    client.force_login(city.lead_ordnung)
    assert client.get(URL).status_code == 403
    response = _upload(client, (DATA / "catalogue.csv").read_bytes())
    assert response.status_code == 403
    assert not Service.objects.filter(key="sperrmuell").exists()
