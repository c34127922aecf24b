"""Staff register a procedure in the admin: the action writes it (history, audit, hashed
verifier); the value typed is never shown again."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from anliegen.organization.models import OrgUnit
from anliegen.privacy.models import AuditEvent
from anliegen.procedures import verifier
from anliegen.procedures.models import Procedure, ReferenceFormat
from tests.conftest import City


def admin_client(city: City) -> Client:
    client = Client()
    client.force_login(city.admin)
    return client


def form(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "system": "PROBAUG",
        "reference": "63-2026-0500",
        "service": "",
        "org_unit": "",
        "status_text": "Eingegangen",
        "next_step": "Prüfung",
        "verifier_kind": "pin",
        "verifier_value": "ab12-cd34",
        "entries-TOTAL_FORMS": "0",
        "entries-INITIAL_FORMS": "0",
    }
    data.update(extra)
    return data


def test_admin_creates_and_updates_through_the_action(
    city: City, formats: list[ReferenceFormat], bauamt: OrgUnit
) -> None:
    client = admin_client(city)
    response = client.post(reverse("admin:procedures_procedure_add"), form())
    assert response.status_code == 302, response.content.decode()[:3000]
    procedure = Procedure.objects.get()
    assert procedure.org_unit == bauamt
    assert verifier.matches("pin", "AB12CD34", procedure.verifier_hash)
    assert AuditEvent.objects.get(action="procedure.created").actor_id == city.admin.pk

    page = client.get(reverse("admin:procedures_procedure_change", args=[procedure.pk]))
    assert "AB12" not in page.content.decode() and "ab12" not in page.content.decode()
    change = form(status_text="Genehmigt", verifier_value="")
    del change["system"], change["reference"]
    response = client.post(
        reverse("admin:procedures_procedure_change", args=[procedure.pk]), change
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    procedure.refresh_from_db()
    assert procedure.status_text == "Genehmigt"
    assert procedure.entries.count() == 2
    assert verifier.matches("pin", "AB12CD34", procedure.verifier_hash)  # left unchanged


def test_admin_without_office_or_format_gets_a_message(city: City) -> None:
    response = admin_client(city).post(
        reverse("admin:procedures_procedure_add"), form(reference="XY-1")
    )
    assert response.status_code == 200
    assert "bitte die Stelle angeben" in response.content.decode()
    assert not Procedure.objects.exists()
