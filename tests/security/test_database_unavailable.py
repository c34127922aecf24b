"""A request that waits in vain for a database lock held by another process answers a 503
page in German, in the portal's style, with Retry-After (issue 19, finding 6); /healthz
reports the write that is impossible while reads still work."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from anliegen.tickets.models import Message
from tests.conftest import City, submit

pytestmark = pytest.mark.django_db(transaction=True)

HOLD_SECONDS = 8
_SQLITE_HOLDER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("ROLLBACK")
"""
_POSTGRES_HOLDER = """
import psycopg, sys, time
db = psycopg.connect(sys.argv[1])
db.execute("LOCK TABLE tickets_message, ops_healthprobe IN ACCESS EXCLUSIVE MODE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.rollback()
"""


@contextmanager
def _lock_held_elsewhere() -> Iterator[None]:
    """Another process holds the lock; this process waits at most one second for it."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        script, target = _SQLITE_HOLDER, str(db["NAME"])
    else:
        script = _POSTGRES_HOLDER
        target = f"host={db['HOST']} port={db['PORT']} user={db['USER']} dbname={db['NAME']}"
    holder = subprocess.Popen(
        [sys.executable, "-c", script, target, str(HOLD_SECONDS)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    options = db["OPTIONS"]
    saved = dict(options)
    connection.close()
    if connection.vendor == "sqlite":
        options["timeout"] = 1
    else:
        options["options"] = "-c jit=off -c lock_timeout=1000"
    try:
        yield
    finally:
        connection.close()
        options.clear()
        options.update(saved)
        holder.wait(HOLD_SECONDS + 30)


def test_a_request_waiting_for_a_lock_gets_the_503_page(city: City) -> None:
    created = submit(city.falschparker, text="Auto auf dem Radweg")
    citizen = Client(raise_request_exception=False)
    citizen.get(reverse("portal:track_entry", args=[created.token]))
    with _lock_held_elsewhere():
        started = time.monotonic()
        response = citizen.post(reverse("portal:reply"), {"body": "Noch da?"})
        waited = time.monotonic() - started
        health = Client().get("/healthz")
    assert response.status_code == 503, response.content.decode()[:500]
    html = response.content.decode()
    assert "Vorübergehend nicht erreichbar" in html
    assert 'class="kern-' in html and '<html lang="de">' in html  # the portal's frame
    assert response["Retry-After"] == "30"
    assert waited < 30  # answered before gunicorn's timeout
    assert health.status_code == 503
    assert health.json()["checks"]["database_write"] == "error"
    # Once the lock is gone, the same reply works and nothing was half-written.
    assert not Message.objects.filter(body="Noch da?").exists()
    assert citizen.post(reverse("portal:reply"), {"body": "Noch da?"}).status_code == 302
    assert Client().get("/healthz").json()["checks"]["database_write"] == "ok"


def test_an_api_request_waiting_for_a_lock_gets_a_503_problem(city: City) -> None:
    from anliegen.channels.api.tokens import issue_token

    parking = submit(city.falschparker, text="Auto auf dem Radweg").ticket
    key = issue_token("Ordnung RW", [city.ordnungsamt], can_write=True).secret
    api = Client(raise_request_exception=False, headers={"Authorization": f"Bearer {key}"})
    path = f"/api/v1/tickets/{parking.pk}/messages"
    with _lock_held_elsewhere():
        response = api.post(
            path, {"kind": "internal_note", "body": "Noch da?"}, content_type="application/json"
        )
    assert response.status_code == 503, response.content.decode()[:500]
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "30"
    problem = response.json()
    assert problem["status"] == 503 and problem["title"] == "Vorübergehend nicht erreichbar"
    assert not Message.objects.filter(body="Noch da?").exists()
