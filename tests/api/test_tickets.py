"""REST API v1 through HTTP: keys, scoping to offices, writes via the actions, problem+json."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from anliegen.channels.api.models import ApiToken
from anliegen.tickets.models import Channel, EventKind, Message, Ticket
from anliegen.tickets.status import Status
from tests.conftest import City, submit

from .conftest import Keys

PROBLEM = "application/problem+json"


def test_openapi_spec_is_published_without_a_key(client: Client, db: None) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/tickets" in spec["paths"]
    errors = spec["paths"]["/api/v1/tickets"]["get"]["responses"]["404"]["content"]
    assert list(errors) == [PROBLEM]
    assert client.get("/api/v1/docs").status_code == 200


def test_missing_or_wrong_key_is_a_401_problem(client: Client, keys: Keys) -> None:
    response = client.get("/api/v1/tickets")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 401
    wrong = keys.ordnung_rw[:-3] + "xyz"
    response = client.get("/api/v1/tickets", headers={"Authorization": f"Bearer {wrong}"})
    assert response.status_code == 401


def test_only_the_hash_of_a_key_is_stored(keys: Keys) -> None:
    token = ApiToken.objects.get(name="Ordnung RW")
    assert keys.ordnung_rw not in (token.token_hash, token.prefix)
    assert keys.ordnung_rw.startswith(f"anl_{token.prefix}_")
    assert len(token.token_hash) == 64


def test_key_of_one_office_neither_reads_nor_writes_another_office(
    as_key, keys: Keys, city: City
) -> None:
    parking = submit(city.falschparker).ticket  # Vollzugsdienst, below the Ordnungsamt
    lamp = submit(city.laterne).ticket  # Tiefbauamt
    ordnung = as_key(keys.ordnung_rw)
    listed = ordnung.get("/tickets").json()["items"]
    assert [t["reference"] for t in listed] == [parking.reference]
    assert ordnung.get(f"/tickets/{parking.pk}").status_code == 200
    response = ordnung.get(f"/tickets/{lamp.pk}")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    for path, body in [
        (f"/tickets/{lamp.pk}/status", {"status": "in_progress"}),
        (f"/tickets/{lamp.pk}/messages", {"kind": "internal_note", "body": "x"}),
        (f"/tickets/{lamp.pk}/external-references", {"system": "S", "reference": "1"}),
        (f"/tickets/{lamp.pk}/assign", {"assignee": None}),
        (f"/tickets/{lamp.pk}/forward", {"org_unit": "ordnungsamt", "reason": "meins"}),
    ]:
        assert ordnung.post(path, body).status_code == 404, path
    lamp.refresh_from_db()
    assert lamp.status == Status.NEW
    assert lamp.org_unit == city.tiefbau
    assert not lamp.messages.filter(kind=Message.Kind.INTERNAL_NOTE).exists()
    assert not lamp.external_references.exists()


def test_read_only_key_cannot_write(as_key, keys: Keys, city: City) -> None:
    parking = submit(city.falschparker).ticket
    response = as_key(keys.ordnung_ro).post(
        f"/tickets/{parking.pk}/status", {"status": "in_progress"}
    )
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    assert "nur lesen" in response.json()["detail"]
    parking.refresh_from_db()
    assert parking.status == Status.NEW


def test_writes_go_through_the_actions(as_key, keys: Keys, city: City) -> None:
    parking = submit(city.falschparker).ticket
    api = as_key(keys.ordnung_rw)
    response = api.post(f"/tickets/{parking.pk}/status", {"status": "in_progress", "note": "los"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_progress"
    assert response.json()["public_status"] == "in_progress"
    response = api.post(
        f"/tickets/{parking.pk}/messages", {"kind": "public_reply", "body": "Hallo"}
    )
    assert response.status_code == 201
    response = api.post(
        f"/tickets/{parking.pk}/external-references", {"system": "OK.VORFALL", "reference": "A-1"}
    )
    assert response.json()["external_references"] == [{"system": "OK.VORFALL", "reference": "A-1"}]
    response = api.post(f"/tickets/{parking.pk}/assign", {"assignee": "clerk.vollzug"})
    assert response.json()["assignee"] == "clerk.vollzug"
    kinds = set(parking.events.values_list("kind", flat=True))
    assert {EventKind.STATUS_CHANGED, EventKind.MESSAGE_ADDED, EventKind.ASSIGNED} <= kinds
    assert parking.events.filter(actor_label="system:api:Ordnung RW").exists()
    detail = api.get(f"/tickets/{parking.pk}").json()
    assert [m["body"] for m in detail["messages"]][-1] == "Hallo"
    # Forwarding to another office takes the ticket out of this key's scope: the forward is
    # done, but the answer no longer shows the ticket (nor anything the new office adds).
    response = api.post(
        f"/tickets/{parking.pk}/forward", {"org_unit": "tiefbauamt", "reason": "Lampe"}
    )
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert "anderen Stelle" in response.json()["detail"]
    assert parking.reference not in response.content.decode()
    parking.refresh_from_db()
    assert parking.org_unit == city.tiefbau
    assert api.get(f"/tickets/{parking.pk}").status_code == 404


def test_forward_within_the_keys_offices_returns_the_ticket(as_key, keys: Keys, city: City) -> None:
    parking = submit(city.falschparker).ticket  # Vollzugsdienst, below the Ordnungsamt
    response = as_key(keys.ordnung_rw).post(
        f"/tickets/{parking.pk}/forward", {"org_unit": "ordnungsamt", "reason": "Amt selbst"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["org_unit"] == "ordnungsamt"


def test_invalid_transition_is_a_409_problem(as_key, keys: Keys, city: City) -> None:
    parking = submit(city.falschparker).ticket
    response = as_key(keys.ordnung_rw).post(f"/tickets/{parking.pk}/status", {"status": "closed"})
    assert response.status_code == 409
    assert response["Content-Type"] == PROBLEM
    assert "Status" in response.json()["detail"]


def test_validation_errors_are_422_problems_with_fields(as_key, keys: Keys) -> None:
    response = as_key(keys.ordnung_rw).post(
        "/tickets", {"text": "", "contact_email": "kein-mail", "priority": 9}
    )
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    fields = {e["loc"][-1] for e in body["errors"]}
    assert {"text", "contact_email", "priority"} <= fields


def test_create_list_and_paginate(as_key, keys: Keys, city: City) -> None:
    api = as_key(keys.ordnung_rw)
    for n in range(3):
        response = api.post(
            "/tickets",
            {
                "text": f"Auto parkt auf dem Gehweg {n}",
                "service": "falschparker",
                "contact_email": "a@example.org",
                "latitude": 50.35,
                "longitude": 7.59,
            },
        )
        assert response.status_code == 201, response.content
        assert "/verfolgen/" in response.json()["tracking_url"]
    assert Ticket.objects.filter(channel=Channel.API).count() == 3
    first = api.get("/tickets", limit=2).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = api.get("/tickets", limit=2, cursor=first["next_cursor"]).json()
    assert len(second["items"]) == 1 and second["next_cursor"] is None
    seen = [t["id"] for t in first["items"] + second["items"]]
    assert len(set(seen)) == 3
    assert api.get("/tickets", status="closed").json()["items"] == []
    assert len(api.get("/tickets", service="falschparker").json()["items"]) == 3


@pytest.mark.parametrize("language,stored", [("en", "en"), ("en-US", "en"), ("fr", ""), ("", "")])
def test_created_ticket_keeps_the_citizens_language(
    as_key, keys: Keys, city: City, language: str, stored: str
) -> None:
    api = as_key(keys.ordnung_rw)
    body = {"text": "Car parked on the pavement", "service": "falschparker", "language": language}
    response = api.post("/tickets", body)
    assert response.status_code == 201, response.content
    ticket = Ticket.objects.get(reference=response.json()["reference"])
    assert ticket.contact_language == stored


def test_catalogue_org_units_and_suggestions(as_key, keys: Keys, city: City) -> None:
    api = as_key(keys.ordnung_ro)
    services = api.get("/services").json()
    assert {s["key"] for s in services} == {"falschparker", "wohngeld", "strassenlaterne"}
    assert api.get("/services/falschparker").json()["org_units"] == ["vollzugsdienst"]
    assert api.get("/services/gibtsnicht").status_code == 404
    units = api.get("/org-units").json()
    assert {"ordnungsamt", "vollzugsdienst"} <= {u["key"] for u in units}
    assert api.get("/org-units/vollzugsdienst").json()["parent"] == "ordnungsamt"
    assert api.get("/routing/suggestions", text="Falschparker").status_code == 200


def test_rate_limit_per_key_is_a_429_problem(as_key, city: City) -> None:
    from anliegen.channels.api.tokens import issue_token

    key = issue_token("Eng", [city.ordnungsamt], rate_limit_per_minute=2).secret
    api = as_key(key)
    # The limit counts per clock minute: three requests must not straddle its boundary.
    with time_machine.travel(datetime(2026, 3, 2, 10, 0, 5, tzinfo=UTC), tick=False):
        assert api.get("/services").status_code == 200
        assert api.get("/services").status_code == 200
        response = api.get("/services")
    assert response.status_code == 429
    assert response["Content-Type"] == PROBLEM
    assert int(response["Retry-After"]) >= 1


@pytest.mark.parametrize("language,word", [("de", "Nicht gefunden"), ("en", "Not found")])
def test_problems_speak_the_callers_language(as_key, keys: Keys, language: str, word: str) -> None:
    api = as_key(keys.ordnung_ro)
    api.headers["Accept-Language"] = language
    assert api.get("/services/gibtsnicht").json()["title"] == word
