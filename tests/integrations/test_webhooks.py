"""Outbound webhooks to a real HTTP receiver on localhost that first fails, then succeeds:
the delivery is retried with backoff by the task worker, signed, and arrives once per key."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from anliegen.integrations.models import WebhookAttempt, WebhookDelivery, WebhookSubscription
from anliegen.integrations.signing import verify
from tests.conftest import City, submit

PORT = 21117
SECRET = "webhook-geheimnis"


class Receiver:
    """Answers 503 to the first request, 200 afterwards; remembers what arrived."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes, int]] = []
        self.lock = threading.Lock()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            with state.lock:
                status = 503 if not state.requests else 200
                state.requests.append((dict(self.headers.items()), body, status))
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b"ok" if status == 200 else b"busy")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def db_tasks(settings: Any) -> None:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def run_worker() -> None:
    call_command("db_worker", "--batch", "--interval", "0", "--no-startup-delay", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_delivery_is_retried_signed_and_arrives_once_per_key(
    city: City, receiver: Receiver, db_tasks: None
) -> None:
    hook = WebhookSubscription.objects.create(
        name="Ordnungsamt-Fachverfahren",
        url=f"http://127.0.0.1:{PORT}/hook",
        secret=SECRET,
        events=["ticket.created"],
    )
    hook.org_units.set([city.ordnungsamt])
    submit(city.laterne)  # another office: not for this subscriber
    submit(city.falschparker, text="Auto parkt im Halteverbot")  # Vollzugsdienst, below

    delivery = WebhookDelivery.objects.get()
    assert delivery.event == "ticket.created"
    assert receiver.requests == []  # nothing is sent inside the request

    run_worker()
    assert [status for _, _, status in receiver.requests] == [503]
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("pending", 1)

    run_worker()  # the retry waits for its backoff
    assert len(receiver.requests) == 1

    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        run_worker()
        run_worker()  # nothing left: delivered exactly once
    assert [status for _, _, status in receiver.requests] == [503, 200]
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("delivered", 2)

    keys = {headers["Idempotency-Key"] for headers, _, _ in receiver.requests}
    assert keys == {delivery.idempotency_key}
    for headers, body, _ in receiver.requests:
        timestamp = int(headers["X-Anliegen-Timestamp"])
        assert verify(SECRET, timestamp, body, headers["X-Anliegen-Signature"])
        assert not verify("anderes", timestamp, body, headers["X-Anliegen-Signature"])
        payload = json.loads(body)
        assert payload["event"] == "ticket.created"
        assert payload["ticket"]["org_unit"] == "vollzugsdienst"
        assert "buerger@example.org" not in body.decode()  # no contact data
    log = list(WebhookAttempt.objects.filter(delivery__subscription=hook).order_by("at"))
    assert [(a.status_code, a.response_body) for a in log] == [(503, "busy"), (200, "ok")]
