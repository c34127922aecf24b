"""Uploads go through clamd when it is configured: portal submission and reply, real daemon."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from anliegen.catalog.models import Service
from anliegen.portal import drafts
from anliegen.tickets.actions import CreatedTicket, NewTicket, create_ticket
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Attachment, Channel, Message, Ticket

from ..clamav import EICAR, EICAR_NAME, MARKER, MARKER_NAME, RunningClamd
from .demo import BULKY_WASTE
from .helpers import base_values, confirm

FORM = reverse("portal:submit", args=[BULKY_WASTE])
REPLY = reverse("portal:reply")
ITEMS = "Ein Schrank mit Spiegeltür"
UNCHECKED = "konnte gerade nicht geprüft werden, bitte später erneut versuchen"


def bulky() -> dict[str, Any]:
    return base_values(sf_pickup_items=ITEMS, sf_volume_m3="1")


@pytest.fixture(params=["socket", "tcp"])
def scanning(request: pytest.FixtureRequest, clamd: RunningClamd, settings: Any) -> None:
    """The deployment's clamd, reached by unix socket or by host and port."""
    if request.param == "socket":
        settings.CLAMD_SOCKET = clamd.socket_path
    else:
        settings.CLAMD_HOST, settings.CLAMD_PORT = clamd.host, clamd.port


def test_infected_upload_is_refused_and_the_form_kept(
    client: Client, catalogue: None, scanning: None
) -> None:
    infected = SimpleUploadedFile("eicar.txt", EICAR, content_type="text/plain")
    page = client.post(FORM, {**bulky(), "attachments": [infected]})
    assert page.status_code == 200
    assert "„eicar.txt“ wurde nicht angenommen" in page.text
    assert f"Schadsoftware gefunden ({EICAR_NAME})" in page.text
    assert ITEMS in page.text and "erika@example.org" in page.text
    assert drafts.files(client.session) == []

    # The same form with a clean file goes on to review and becomes a ticket with the file.
    clean = SimpleUploadedFile("brief.pdf", b"%PDF-1.4\nSehr geehrte Damen und Herren\n")
    assert client.post(FORM, {**bulky(), "attachments": [clean]}).status_code == 302
    assert confirm(client).status_code == 302
    ticket = Ticket.objects.get()
    assert [a.filename for a in Attachment.objects.filter(message__ticket=ticket)] == ["brief.pdf"]


def test_infected_reply_upload_is_refused_and_the_text_kept(
    client: Client, catalogue: None, clamd: RunningClamd, settings: Any
) -> None:
    settings.CLAMD_SOCKET = clamd.socket_path
    created = _ticket()
    client.get(reverse("portal:track_entry", args=[created.token]))
    infected = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + MARKER + b"\n%%EOF")
    page = client.post(
        reverse("portal:reply"), {"body": "Anbei mein Scan", "attachments": [infected]}
    )
    assert page.status_code == 400
    assert f"Schadsoftware gefunden ({MARKER_NAME})" in page.text
    assert "Anbei mein Scan" in page.text
    assert not Message.objects.filter(ticket=created.ticket, body="Anbei mein Scan").exists()

    clean = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\nsauber\n%%EOF")
    reply = client.post(
        reverse("portal:reply"), {"body": "Anbei mein Scan", "attachments": [clean]}
    )
    assert reply.status_code == 302
    assert Attachment.objects.get(message__ticket=created.ticket).filename == "scan.pdf"


def test_unreachable_scanner_refuses_by_default(
    client: Client, catalogue: None, settings: Any, tmp_path: Path
) -> None:
    settings.CLAMD_SOCKET = str(tmp_path / "kein-clamd.sock")
    upload = SimpleUploadedFile("brief.pdf", b"%PDF-1.4\nsauber\n")
    page = client.post(FORM, {**bulky(), "attachments": [upload]})
    assert page.status_code == 200
    assert f"Die Datei „brief.pdf“ {UNCHECKED}" in page.text
    assert ITEMS in page.text
    assert drafts.files(client.session) == []


def test_unreachable_scanner_fails_open_when_configured(
    client: Client,
    catalogue: None,
    settings: Any,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings.CLAMD_HOST, settings.CLAMD_PORT, settings.CLAMD_TIMEOUT = "127.0.0.1", 9, 2
    settings.CLAMD_FAIL_OPEN = True
    upload = SimpleUploadedFile("brief.pdf", b"%PDF-1.4\nsauber\n")
    with caplog.at_level(logging.WARNING, logger="anliegen.core.uploads"):
        response = client.post(FORM, {**bulky(), "attachments": [upload]})
    assert response.status_code == 302
    assert [f.filename for f in drafts.files(client.session)] == ["brief.pdf"]
    assert "accepted unscanned (fail open)" in caplog.text


def test_english_message(
    client: Client, catalogue: None, clamd: RunningClamd, settings: Any
) -> None:
    settings.CLAMD_SOCKET = clamd.socket_path
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    infected = SimpleUploadedFile("eicar.txt", EICAR)
    page = client.post(FORM, {**bulky(), "attachments": [infected]})
    assert f"the virus scanner found malware in it ({EICAR_NAME})" in page.text


def _ticket() -> CreatedTicket:
    return create_ticket(
        NewTicket(
            text="Bitte holen Sie meinen Schrank ab.",
            channel=Channel.WEB,
            service=Service.objects.get(key=BULKY_WASTE),
            contact_email="erika@example.org",
        ),
        Actor.citizen(),
    )
