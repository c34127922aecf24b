"""Status bridge (issue 19, finding 4): the signature covers timestamp, delivery id and body,
so a captured message cannot be applied again under another delivery id; old-style senders
get a clear answer; requests that are not rightly signed leave short rows only, and only so
many per minute."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from anliegen.integrations import signing
from anliegen.integrations.bridge import UNSIGNED_LOG_PER_MINUTE
from anliegen.integrations.models import StatusExchange, StatusIntegration
from anliegen.tickets.actions import link_external_reference
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import EventKind
from tests.conftest import City, submit

SECRET = "geheimer-schluessel-bauamt"
BODY = json.dumps(
    {"reference": "63-2026-0815", "status": "in_progress", "public_status_text": "In Prüfung"}
).encode()


@pytest.fixture
def linked(city: City, django_capture_on_commit_callbacks: Any) -> Iterator[Any]:
    cache.clear()
    StatusIntegration.objects.create(
        name="Bauaufsicht", slug="probaug", system="PROBAUG", secret=SECRET
    )
    with django_capture_on_commit_callbacks(execute=True):
        ticket = submit(city.laterne).ticket
        link_external_reference(ticket, Actor.staff(city.admin), "PROBAUG", "63-2026-0815")
    mail.outbox.clear()
    yield ticket
    cache.clear()  # the flood's count must not limit the next test's integration


def _post(headers: dict[str, str], body: bytes = BODY) -> Any:
    return Client().post(
        reverse("integrations:status_update", args=["probaug"]),
        body,
        content_type="application/json",
        headers=headers,
    )


def test_a_captured_message_is_not_applied_again_under_another_delivery_id(
    linked: Any, django_capture_on_commit_callbacks: Any
) -> None:
    now = int(time.time())
    captured = {
        signing.TIMESTAMP_HEADER: str(now),
        signing.DELIVERY_HEADER: "probaug-1",
        signing.SIGNATURE_HEADER: signing.sign_delivery(SECRET, now, "probaug-1", BODY),
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(captured).json()["outcome"] == "applied"
        outcomes = [
            _post({**captured, signing.DELIVERY_HEADER: f"probaug-{n}"}) for n in range(2, 5)
        ]
        assert _post(captured).json()["outcome"] == "replay"
    assert [r.status_code for r in outcomes] == [401, 401, 401]
    assert {r.json()["outcome"] for r in outcomes} == {"bad_signature"}
    applied = StatusExchange.objects.filter(outcome="applied")
    assert list(applied.values_list("delivery_id", flat=True)) == ["probaug-1"]
    assert linked.events.filter(kind=EventKind.EXTERNAL_STATUS).count() == 1
    assert len(mail.outbox) == 1  # the citizen is told once


def test_an_old_style_signature_gets_a_clear_answer_and_changes_nothing(linked: Any) -> None:
    now = int(time.time())
    response = _post(
        {
            signing.TIMESTAMP_HEADER: str(now),
            signing.DELIVERY_HEADER: "probaug-9",
            signing.SIGNATURE_HEADER: signing.sign(SECRET, now, BODY),  # timestamp + body only
        }
    )
    assert response.status_code == 401
    assert "delivery id" in response.json()["detail"]
    assert "docs/api/status-bridge.md" in response.json()["detail"]
    assert not linked.events.filter(kind=EventKind.EXTERNAL_STATUS).exists()


def test_unsigned_floods_leave_short_rows_and_are_rate_limited(linked: Any) -> None:
    big = b'{"reference": "' + b"x" * 60_000 + b'"}'
    # One minute of the limit's window, however slow the machine.
    with time_machine.travel(time.time() // 60 * 60 + 1, tick=False):
        _flood(big)
    rows = StatusExchange.objects.all()
    assert rows.count() == UNSIGNED_LOG_PER_MINUTE
    assert all(row.payload == "" and len(row.detail) < 200 for row in rows)
    # A signed sender is not locked out by the flood.
    now = int(time.time())
    signed = _post(
        {
            signing.TIMESTAMP_HEADER: str(now),
            signing.DELIVERY_HEADER: "probaug-ok",
            signing.SIGNATURE_HEADER: signing.sign_delivery(SECRET, now, "probaug-ok", BODY),
        }
    )
    assert signed.json()["outcome"] == "applied"


def _flood(big: bytes) -> None:
    statuses = [
        _post(
            {signing.DELIVERY_HEADER: f"flood-{n}", signing.SIGNATURE_HEADER: "v2=00"}
            | ({signing.TIMESTAMP_HEADER: str(int(time.time()))} if n % 2 else {}),
            big,
        ).status_code
        for n in range(100)
    ]
    assert statuses[:UNSIGNED_LOG_PER_MINUTE] == [401] * UNSIGNED_LOG_PER_MINUTE
    assert set(statuses[UNSIGNED_LOG_PER_MINUTE:]) == {429}
