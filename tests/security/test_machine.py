"""Machine endpoints authenticate with their own credentials instead of session and CSRF:
the REST API and Open311 writes with an API key, the status bridge with an HMAC signature.
Each refuses requests without valid credentials; a positive control shows the refusal is
the credential check."""

from __future__ import annotations

import json
import time

from django.test import Client
from django.urls import reverse

from anliegen.channels.api.tokens import issue_token
from anliegen.integrations import signing
from anliegen.integrations.models import StatusIntegration
from anliegen.tickets.models import Ticket

from .conftest import World, signed_in
from .routes import API_ROUTES, ROUTES, Access, openapi_operations

BAD_KEYS = ("", "anl_nope_nope", "Bearer", "anl_" + "x" * 300)


def _api_url(operation: str, world: World) -> tuple[str, str]:
    method, path = operation.split(" ", 1)
    path = path.replace("{ticket_id}", str(world.objects["ticket"]))
    path = path.replace("{key}", world.objects["service_key"])
    return method, path


def test_every_api_operation_needs_an_api_key(world: World) -> None:
    """Anonymous, a wrong key, and even a signed-in administrator's session: all 401."""
    assert set(API_ROUTES.values()) == {Access.API_KEY}
    admin_session = signed_in(world.city.admin)
    failures = []
    for operation in sorted(openapi_operations()):
        method, url = _api_url(operation, world)
        for client, key in [(Client(), k) for k in BAD_KEYS] + [(admin_session, "")]:
            headers = {"Authorization": f"Bearer {key}"} if key else {}
            if method == "GET":
                response = client.get(url, headers=headers)
            else:
                response = client.post(
                    url, data="{}", content_type="application/json", headers=headers
                )
            if response.status_code != 401:
                failures.append(f"{operation} key={key[:12]!r}: {response.status_code}")
    assert failures == []


def test_a_valid_key_reads_and_a_read_only_key_cannot_write(world: World) -> None:
    reader = issue_token("Leser", [world.city.ordnungsamt]).secret
    auth = {"Authorization": f"Bearer {reader}"}
    client = Client()
    assert client.get("/api/v1/services", headers=auth).status_code == 200
    before = Ticket.objects.count()
    response = client.post(
        "/api/v1/tickets",
        data=json.dumps({"service": world.objects["service_key"], "subject": "x"}),
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code in (403, 422)  # never created
    assert Ticket.objects.count() == before


def test_open311_writes_need_a_writing_api_key(world: World) -> None:
    assert ROUTES["open311:requests"].post is Access.API_KEY
    url = reverse("open311:requests", kwargs={"fmt": "json"})
    reader = issue_token("Leser", [world.city.ordnungsamt]).secret
    form = {"service_code": world.objects["service_key"], "description": "Loch", "lat": "50"}
    before = Ticket.objects.count()
    for key in (*BAD_KEYS, reader):
        response = Client().post(url, {**form, "api_key": key})
        assert response.status_code == 403, key
    # The session of an administrator is no credential here either.
    assert signed_in(world.city.admin).post(url, form).status_code == 403
    assert Ticket.objects.count() == before


def test_open311_reads_show_no_contact_data(world: World) -> None:
    ticket = Ticket.objects.get(pk=world.objects["ticket"])
    secrets = [
        v
        for v in (
            getattr(ticket, "contact_email", ""),
            getattr(ticket, "contact_name", ""),
            getattr(ticket, "contact_phone", ""),
        )
        if v
    ]
    client = Client()
    for name in ("open311:requests", "open311:request"):
        kwargs = {"fmt": "json"}
        if name == "open311:request":
            kwargs["request_id"] = world.objects["reference"]
        body = client.get(reverse(name, kwargs=kwargs)).content.decode()
        for secret in secrets:
            assert secret not in body, (name, secret)
        assert "email" not in body.lower(), name


def test_status_bridge_needs_a_valid_signature(world: World) -> None:
    assert ROUTES["integrations:status_update"].access is Access.SIGNED
    integration = StatusIntegration.objects.get(slug=world.objects["integration_slug"])
    url = reverse("integrations:status_update", args=[integration.slug])
    body = json.dumps({"reference": world.objects["reference"], "status": "closed"}).encode()
    now = int(time.time())
    status_before = Ticket.objects.get(pk=world.objects["ticket"]).status
    refused = [
        {},  # no signature at all
        {signing.TIMESTAMP_HEADER: str(now), signing.SIGNATURE_HEADER: "sha256=00"},
        {  # signed with another secret
            signing.TIMESTAMP_HEADER: str(now),
            signing.SIGNATURE_HEADER: signing.sign_delivery("wrong-secret", now, "d2", body),
        },
        {  # signed correctly, but an hour old (replay)
            signing.TIMESTAMP_HEADER: str(now - 3600),
            signing.SIGNATURE_HEADER: signing.sign_delivery(
                integration.secret, now - 3600, "d3", body
            ),
        },
    ]
    for i, headers in enumerate(refused):
        response = Client().post(
            url,
            body,
            content_type="application/json",
            headers={**headers, "X-Anliegen-Delivery": f"d{i}"},
        )
        assert response.status_code == 401, (headers, response.content)
    # A signed-in administrator without a signature is refused the same way.
    admin = signed_in(world.city.admin)
    assert admin.post(url, body, content_type="application/json").status_code == 401
    # Unknown or inactive integrations do not exist.
    assert (
        Client()
        .post("/integrations/status/unbekannt/", body, content_type="application/json")
        .status_code
        == 404
    )
    assert Client().get(url).status_code == 405
    assert Ticket.objects.get(pk=world.objects["ticket"]).status == status_before

    # Positive control: the right signature passes the check (the empty payload is then
    # refused as invalid, not as unsigned).
    empty = b"{}"
    response = Client().post(
        url,
        empty,
        content_type="application/json",
        headers={
            signing.TIMESTAMP_HEADER: str(now),
            signing.SIGNATURE_HEADER: signing.sign_delivery(
                integration.secret, now, "positive", empty
            ),
            signing.DELIVERY_HEADER: "positive",
        },
    )
    assert response.status_code != 401, response.content
