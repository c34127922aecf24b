"""Inbound status bridge through HTTP: signed updates change what the citizen sees; bad
signatures, stale timestamps and replays change nothing and are logged."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from anliegen.integrations.models import StatusExchange, StatusIntegration
from anliegen.integrations.signing import sign_delivery
from anliegen.tickets.actions import link_external_reference
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import EventKind, Ticket
from anliegen.tickets.status import Status
from tests.conftest import City, submit

SECRET = "geheimer-schluessel-bauamt"


@pytest.fixture
def bridge(db: None) -> StatusIntegration:
    return StatusIntegration.objects.create(
        name="Bauaufsicht (ProBauG)", slug="probaug", system="PROBAUG", secret=SECRET
    )


def post(
    client: Client,
    body: Mapping[str, object],
    *,
    delivery: str,
    secret: str = SECRET,
    at: int | None = None,
) -> Any:
    raw = json.dumps(body).encode()
    timestamp = int(time.time()) if at is None else at
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


def tracking_page(client: Client, token: str) -> str:
    client.get(reverse("portal:track_entry", args=[token]))
    return client.get(reverse("portal:track")).content.decode()


UPDATE = {
    "system": "PROBAUG",
    "reference": "63-2026-0815",
    "status": "in_progress",
    "public_status_text": "Statik wird geprüft",
}


def test_signed_update_changes_the_tracking_page(
    client: Client, city: City, bridge: StatusIntegration
) -> None:
    created = submit(city.laterne)
    link_external_reference(created.ticket, Actor.staff(city.admin), "PROBAUG", "63-2026-0815")
    citizen = Client()
    assert "Statik wird geprüft" not in tracking_page(citizen, created.token)

    response = post(client, UPDATE, delivery="d-1")

    assert response.status_code == 200, response.content
    assert response.json()["outcome"] == "applied"
    ticket = Ticket.objects.get(pk=created.ticket.pk)
    assert ticket.status == Status.IN_PROGRESS
    assert ticket.public_status_text == "Statik wird geprüft"
    event = ticket.events.get(kind=EventKind.EXTERNAL_STATUS)
    assert event.is_public and event.data["reference"] == "63-2026-0815"
    page = tracking_page(citizen, created.token)
    assert "Statik wird geprüft" in page
    assert "Neuer Stand aus dem Fachverfahren" in page
    assert StatusExchange.objects.get().outcome == StatusExchange.Outcome.APPLIED


def test_bad_signature_stale_and_replay_change_nothing_and_are_logged(
    client: Client, city: City, bridge: StatusIntegration
) -> None:
    created = submit(city.laterne)
    link_external_reference(created.ticket, Actor.staff(city.admin), "PROBAUG", "63-2026-0815")

    forged = post(client, UPDATE, delivery="d-1", secret="falsch")
    stale = post(client, UPDATE, delivery="d-2", at=int(time.time()) - 3600)
    assert (forged.status_code, stale.status_code) == (401, 401)
    ticket = Ticket.objects.get(pk=created.ticket.pk)
    assert ticket.status == Status.NEW and ticket.public_status_text == ""

    assert post(client, UPDATE, delivery="d-3").json()["outcome"] == "applied"
    later = {**UPDATE, "public_status_text": "Genehmigt", "status": "resolved"}
    replay = post(client, later, delivery="d-3")
    assert replay.json()["outcome"] == "replay"
    ticket.refresh_from_db()
    assert ticket.public_status_text == "Statik wird geprüft"
    assert ticket.status == Status.IN_PROGRESS
    assert ticket.events.filter(kind=EventKind.EXTERNAL_STATUS).count() == 1

    outcomes = list(StatusExchange.objects.order_by("pk").values_list("outcome", flat=True))
    assert outcomes == ["bad_signature", "stale", "applied", "replay"]


def test_unknown_reference_and_foreign_system_are_refused(
    client: Client, city: City, bridge: StatusIntegration
) -> None:
    created = submit(city.laterne)
    link_external_reference(created.ticket, Actor.staff(city.admin), "OTHER", "63-2026-0815")
    assert post(client, UPDATE, delivery="x-1").status_code == 404
    foreign = post(client, {**UPDATE, "system": "OTHER"}, delivery="x-2")
    assert foreign.status_code == 409
    bad = post(client, {**UPDATE, "status": "gibtsnicht"}, delivery="x-3")
    assert bad.status_code == 422
    assert (
        not Ticket.objects.get(pk=created.ticket.pk)
        .events.filter(kind=EventKind.EXTERNAL_STATUS)
        .exists()
    )
    assert StatusExchange.objects.count() == 3


def test_citizen_gets_one_mail_per_update(
    client: Client,
    city: City,
    bridge: StatusIntegration,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        created = submit(city.laterne)
        link_external_reference(created.ticket, Actor.staff(city.admin), "PROBAUG", "63-2026-0815")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, UPDATE, delivery="d-1").status_code == 200
    assert len(mail.outbox) == 1  # the status moved: one status mail
    with django_capture_on_commit_callbacks(execute=True):
        text_only = {**UPDATE, "public_status_text": "Unterlagen vollständig"}
        assert post(client, text_only, delivery="d-2").status_code == 200
    assert len(mail.outbox) == 2  # same status, new text: the text goes out by mail
    assert "Unterlagen vollständig" in str(mail.outbox[-1].body)
