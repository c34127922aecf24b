"""Bad input at the machine interfaces (issue 19, finding 10): a header injection in an
e-mail address is refused with a clear 400, an oversized body gets a 413 in the interface's
own error format, NUL is treated as the schema says (any string; dropped like every control
character), and an oversized form answer is refused with a message that names it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from anliegen.channels.api.tokens import issue_token
from anliegen.core.errors import ValidationFailed
from anliegen.tickets.actions import NewTicket, create_ticket
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel, Ticket
from tests.conftest import City

BIG = 13 * 1024 * 1024


@pytest.fixture
def key(city: City) -> str:
    cache.clear()
    city.laterne.form_fields = [{"name": "mast", "type": "text", "label": "Mastnummer"}]
    city.laterne.save()
    return issue_token("App", [city.tiefbau], can_write=True).secret


def _open311(client: Client, key: str, **extra: str) -> Any:
    form = {"api_key": key, "service_code": "strassenlaterne", "address_string": "Markt 1"}
    return client.post("/open311/v2/requests.json", {**form, **extra})


def _api(client: Client, key: str, body: object) -> Any:
    return client.post(
        "/api/v1/tickets",
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )


def test_open311_refuses_a_header_injection_in_email(client: Client, key: str) -> None:
    for email in ("x\r\nBcc:a@b", "melder@example.org\nBcc: a@b.de", "a b@example.org"):
        response = _open311(client, key, description="Laterne aus", email=email)
        assert response.status_code == 400, (email, response.content)
        assert "E-Mail" in response.json()[0]["description"]
    assert not Ticket.objects.exists()
    # The action refuses it too, whatever interface forgets to check.
    with pytest.raises(ValidationFailed):
        create_ticket(
            NewTicket(text="Laterne", channel=Channel.WEB, contact_email="a@b.de\r\nBcc: c@d.de"),
            Actor.citizen(),
        )
    assert _open311(client, key, email="melder@example.org").status_code == 201


def test_an_oversized_body_is_answered_in_the_interfaces_error_format(
    client: Client, key: str
) -> None:
    body = json.dumps({"text": "x" * BIG}).encode()
    response = client.post(
        "/api/v1/tickets",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 413 and response.json()["detail"]
    response = client.post(
        "/open311/v2/requests.xml",
        b"api_key=" + key.encode() + b"&description=" + b"x" * BIG,
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/xml")
    assert b"<code>413</code>" in response.content
    assert not Ticket.objects.exists()


def test_nul_is_a_character_like_any_other_control(client: Client, key: str) -> None:
    response = _api(client, key, {"text": "Laterne\x00 aus", "service": "strassenlaterne"})
    assert response.status_code == 201, response.content
    assert Ticket.objects.get().messages.get().body == "Laterne aus"
    response = _open311(client, key, description="Mast\x00 kaputt", first_name="Ma\x00x")
    assert response.status_code == 201, response.content
    ticket = Ticket.objects.get(reference=response.json()[0]["service_request_id"])
    assert ticket.messages.get().body == "Mast kaputt" and ticket.contact_name == "Max"
    assert client.get("/open311/v2/requests.json", {"service_code": "a\x00"}).status_code == 200
    assert client.get("/open311/v2/requests/2026\x00.json").status_code == 404


def test_an_oversized_form_answer_is_refused_with_a_message(client: Client, key: str) -> None:
    huge = "M" * 100_000
    response = _open311(client, key, **{"attribute[mast]": huge})
    assert response.status_code == 400
    assert "„Mastnummer“ ist zu lang" in response.json()[0]["description"]
    answer = {"text": "Laterne", "service": "strassenlaterne", "form_data": {"mast": huge}}
    response = _api(client, key, answer)
    assert response.status_code == 422
    assert "„Mastnummer“ ist zu lang (höchstens 5.000 Zeichen)" in response.json()["detail"]
    nested = {"a": ["x" * 4_000] * 20}
    response = _api(client, key, {"text": "Laterne", "form_data": nested})
    assert response.status_code == 422
    assert not Ticket.objects.exists()
