"""The signed status bridge feeds procedures that never were an Anliegen (kind "procedure"):
same signature, same exchange log, replay-safe; bad payloads change nothing."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

from django.test import Client
from django.urls import reverse

from anliegen.integrations.models import StatusExchange, StatusIntegration
from anliegen.integrations.signing import sign_delivery
from anliegen.organization.models import OrgUnit
from anliegen.procedures import verifier
from anliegen.procedures.models import Procedure, ReferenceFormat
from anliegen.tickets.actions import link_external_reference
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Ticket
from tests.conftest import City, submit

from .conftest import SECRET


def post(client: Client, body: Mapping[str, object], *, delivery: str, secret: str = SECRET) -> Any:
    raw = json.dumps(body).encode()
    timestamp = int(time.time())
    return client.post(
        reverse("integrations:status_update", args=["probaug"]),
        raw,
        content_type="application/json",
        headers={
            "X-Anliegen-Timestamp": str(timestamp),
            "X-Anliegen-Signature": sign_delivery(secret, timestamp, delivery, raw),
            "X-Anliegen-Delivery": delivery,
        },
    )


NEW = {
    "kind": "procedure",
    "reference": "63-2026-0123",
    "public_status_text": "Ihr Bauantrag ist vollständig.",
    "next_step": "Beteiligung der Fachämter",
    "verifier": {"kind": "postal_code", "value": "56068"},
}


def test_procedure_started_elsewhere_is_registered(
    client: Client, bridge: StatusIntegration, formats: list[ReferenceFormat], bauamt: OrgUnit
) -> None:
    response = post(client, NEW, delivery="p-1")

    assert response.status_code == 200, response.content
    assert response.json() == {"outcome": "applied", "detail": "created"}
    procedure = Procedure.objects.get()
    assert (procedure.system, procedure.org_unit) == ("PROBAUG", bauamt)
    assert verifier.matches("postal_code", "56068", procedure.verifier_hash)
    exchange = StatusExchange.objects.get()
    assert exchange.procedure_id == procedure.pk
    # The log keeps the signed payload for support; the verifier must not be readable there.
    assert exchange.outcome == "applied"
    assert "63-2026-0123" in exchange.payload
    assert "56068" not in exchange.payload


def test_update_and_replay(
    client: Client, bridge: StatusIntegration, formats: list[ReferenceFormat]
) -> None:
    post(client, NEW, delivery="p-1")
    update = {"kind": "procedure", "reference": "63-2026-0123", "public_status_text": "Genehmigt"}
    assert post(client, update, delivery="p-2").json()["detail"] == "updated"
    replay = post(client, {**update, "public_status_text": "Abgelehnt"}, delivery="p-2")

    assert replay.json()["outcome"] == "replay"
    procedure = Procedure.objects.get()
    assert procedure.status_text == "Genehmigt"
    assert procedure.entries.count() == 2
    assert verifier.matches("postal_code", "56068", procedure.verifier_hash)


def test_office_by_kgst_number_without_a_format(
    client: Client, bridge: StatusIntegration, city: City
) -> None:
    body = {**NEW, "reference": "ALT/77", "office": "66", "service": "strassenlaterne"}
    response = post(client, body, delivery="p-1")
    assert response.status_code == 200, response.content
    procedure = Procedure.objects.get()
    assert (procedure.org_unit, procedure.service) == (city.tiefbau, city.laterne)


def test_bad_payloads_are_invalid_and_change_nothing(
    client: Client, bridge: StatusIntegration, formats: list[ReferenceFormat]
) -> None:
    cases = [
        ({**NEW, "reference": "ALT/77"}, "keine zuständige Stelle"),
        ({**NEW, "office": "99"}, "unknown office"),
        ({**NEW, "service": "gibtsnicht"}, "unknown service"),
        ({**NEW, "verifier": {"kind": "postal_code", "value": "5"}}, "fünf Ziffern"),
        ({**NEW, "verifier": "56068"}, "verifier must be"),
        ({**NEW, "closed": "ja"}, "closed must be"),
        ({**NEW, "kind": "other"}, "unknown kind"),
    ]
    for number, (body, detail) in enumerate(cases):
        response = post(client, body, delivery=f"bad-{number}")
        assert response.status_code == 422, (body, response.content)
        assert detail in response.json()["detail"], response.json()
    assert not Procedure.objects.exists()


def test_wrong_signature_registers_nothing(
    client: Client, bridge: StatusIntegration, formats: list[ReferenceFormat]
) -> None:
    response = post(client, NEW, delivery="p-1", secret="falsch")
    assert response.status_code == 401
    assert not Procedure.objects.exists()


def test_linked_inquiry_ticket_follows(
    client: Client, bridge: StatusIntegration, formats: list[ReferenceFormat], city: City
) -> None:
    created = submit(city.laterne)
    link_external_reference(created.ticket, Actor.staff(city.admin), "PROBAUG", "63-2026-0123")

    response = post(client, NEW, delivery="p-1")

    ticket = Ticket.objects.get(pk=created.ticket.pk)
    assert "Ihr Bauantrag ist vollständig." in ticket.public_status_text
    assert StatusExchange.objects.get().ticket_id == ticket.pk
    assert response.status_code == 200
