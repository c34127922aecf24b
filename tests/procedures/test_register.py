"""Procedure register: typed actions write history and audit rows, formats find the office,
the verifier is never stored in clear, a linked Anliegen follows the procedure's status."""

from __future__ import annotations

import pytest

from anliegen.core.errors import ValidationFailed
from anliegen.organization.models import OrgUnit
from anliegen.privacy.models import AuditEvent
from anliegen.procedures import verifier
from anliegen.procedures.actions import ProcedureReport, delete_procedure, record_procedure
from anliegen.procedures.models import Procedure, ProcedureEntry, ReferenceFormat
from anliegen.procedures.references import find_in_text, format_for
from anliegen.tickets.actions import link_external_reference
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import EventKind, Ticket
from tests.conftest import City, submit

SYSTEM = Actor.system("integration:probaug")


def report(**extra: object) -> ProcedureReport:
    values: dict[str, object] = {
        "system": "PROBAUG",
        "reference": "63-2026-0123",
        "status_text": "Ihr Antrag ist eingegangen.",
        "next_step": "Prüfung der Unterlagen",
        "verifier_kind": "postal_code",
        "verifier_value": "56068",
    }
    values.update(extra)
    return ProcedureReport(**values)  # type: ignore[arg-type]


def test_format_finds_the_owning_office(
    formats: list[ReferenceFormat], bauamt: OrgUnit, city: City
) -> None:
    assert format_for("63-2026-0123") == formats[0]
    assert format_for(" wg-004711 ") == formats[1]
    assert format_for("63-2026-012") is None
    found = find_in_text("Wo steht mein Bauantrag? Aktenzeichen 63-2026-0123, danke")
    assert found is not None and found.reference == "63-2026-0123"
    assert found.format.org_unit == bauamt
    assert find_in_text("Ich habe eine Frage zur Hundesteuer") is None


def test_new_procedure_takes_office_and_service_from_the_format(
    formats: list[ReferenceFormat], bauamt: OrgUnit
) -> None:
    recorded = record_procedure(report(), SYSTEM)

    procedure = Procedure.objects.get(pk=recorded.procedure.pk)
    assert recorded.created
    assert procedure.org_unit == bauamt
    assert procedure.service == formats[0].service
    assert procedure.verifier_kind == "postal_code"
    assert "56068" not in procedure.verifier_hash
    assert verifier.matches("postal_code", "56068", procedure.verifier_hash)
    assert not verifier.matches("postal_code", "56069", procedure.verifier_hash)
    assert [e.status_text for e in procedure.entries.all()] == ["Ihr Antrag ist eingegangen."]
    event = AuditEvent.objects.get(action="procedure.created")
    assert event.detail["reference"] == "63-2026-0123"
    assert "56068" not in str(event.detail)


def test_update_adds_history_only_when_the_citizen_would_see_a_change(
    formats: list[ReferenceFormat],
) -> None:
    record_procedure(report(), SYSTEM)
    record_procedure(report(status_text="Die Statik wird geprüft.", verifier_kind=None), SYSTEM)
    record_procedure(report(status_text="Die Statik wird geprüft.", verifier_kind=None), SYSTEM)

    procedure = Procedure.objects.get()
    assert procedure.status_text == "Die Statik wird geprüft."
    assert ProcedureEntry.objects.filter(procedure=procedure).count() == 2
    assert verifier.matches("postal_code", "56068", procedure.verifier_hash)  # kept
    assert AuditEvent.objects.filter(action="procedure.updated").count() == 2


def test_unknown_format_needs_an_office(city: City) -> None:
    with pytest.raises(ValidationFailed):
        record_procedure(report(reference="XY-1"), SYSTEM)
    recorded = record_procedure(report(reference="XY-1", org_unit=city.tiefbau), SYSTEM)
    assert recorded.procedure.org_unit == city.tiefbau


def test_bad_verifier_is_refused_with_a_message(formats: list[ReferenceFormat]) -> None:
    with pytest.raises(ValidationFailed, match="fünf Ziffern"):
        record_procedure(report(verifier_value="560"), SYSTEM)
    assert not Procedure.objects.exists()


def test_birth_date_is_compared_in_any_common_spelling(formats: list[ReferenceFormat]) -> None:
    recorded = record_procedure(
        report(verifier_kind="birth_date", verifier_value="03.07.1985"), SYSTEM
    )
    stored = recorded.procedure.verifier_hash
    assert verifier.matches("birth_date", "1985-07-03", stored)
    assert verifier.matches("birth_date", " 03.07.1985", stored)
    assert not verifier.matches("birth_date", "04.07.1985", stored)
    assert not verifier.matches("birth_date", "", "")


def test_linked_ticket_shows_the_procedures_status(
    formats: list[ReferenceFormat], city: City
) -> None:
    created = submit(city.laterne)
    link_external_reference(created.ticket, Actor.staff(city.admin), "PROBAUG", "63-2026-0123")

    recorded = record_procedure(report(), SYSTEM)

    ticket = Ticket.objects.get(pk=created.ticket.pk)
    assert recorded.ticket_id == ticket.pk
    assert ticket.public_status_text.startswith("Ihr Antrag ist eingegangen.")
    assert "Prüfung der Unterlagen" in ticket.public_status_text
    assert ticket.events.filter(kind=EventKind.EXTERNAL_STATUS, is_public=True).exists()


def test_delete_removes_history_and_verifier(formats: list[ReferenceFormat]) -> None:
    procedure = record_procedure(report(), SYSTEM).procedure
    delete_procedure(procedure, SYSTEM, reason="retention")
    assert not Procedure.objects.exists()
    assert not ProcedureEntry.objects.exists()
    assert AuditEvent.objects.filter(action="procedure.deleted").count() == 1
