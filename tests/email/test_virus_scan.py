"""Inbound mail attachments go through clamd: an infected file never becomes a downloadable
attachment, the mail itself is kept; while clamd is down the mail waits in quarantine."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path
from typing import Any

from anliegen.channels.email.ingest import ingest_message
from anliegen.channels.email.models import InboundMail
from anliegen.channels.email.tasks import retry_unscanned_mails
from anliegen.tickets.models import Attachment

from ..clamav import EICAR, EICAR_NAME, RunningClamd
from ..conftest import City


def mail_with(files: dict[str, bytes], message_id: str) -> bytes:
    mail = EmailMessage()
    mail["From"] = "Erika Mustermann <erika@example.org>"
    mail["To"] = "anliegen@koblenz.example"
    mail["Subject"] = "Sperrmüll"
    mail["Message-ID"] = message_id
    mail.set_content("Anbei die Liste der Möbel.")
    for name, content in files.items():
        mail.add_attachment(content, maintype="application", subtype="octet-stream", filename=name)
    return mail.as_bytes()


def test_infected_attachment_is_not_stored_but_the_mail_is(
    city: City, clamd: RunningClamd, settings: Any
) -> None:
    settings.CLAMD_SOCKET = clamd.socket_path
    raw = mail_with(
        {"liste.pdf": b"%PDF-1.4\nSchrank, Sofa\n", "rechnung.txt": EICAR}, "<virus-1@example.org>"
    )
    inbound = ingest_message(raw)
    assert inbound.state == InboundMail.State.PROCESSED, inbound.error
    assert inbound.message is not None
    assert [a.filename for a in inbound.message.attachments.all()] == ["liste.pdf"]
    assert "Anhang nicht übernommen: „rechnung.txt“ wurde nicht angenommen" in (
        inbound.message.body
    )
    assert EICAR_NAME in inbound.message.body
    assert bytes(inbound.raw) == raw  # the original stays for the administrators


def test_mail_waits_in_quarantine_while_clamd_is_down(
    city: City, clamd: RunningClamd, settings: Any, tmp_path: Path
) -> None:
    settings.CLAMD_SOCKET = str(tmp_path / "kein-clamd.sock")
    inbound = ingest_message(mail_with({"liste.pdf": b"%PDF-1.4\nSofa\n"}, "<down-1@example.org>"))
    assert inbound.state == InboundMail.State.QUARANTINED
    assert inbound.error.startswith("ScanUnavailable:")
    assert inbound.ticket is None and not Attachment.objects.exists()

    retry_unscanned_mails.enqueue()  # still down: stays held back
    inbound.refresh_from_db()
    assert inbound.state == InboundMail.State.QUARANTINED

    settings.CLAMD_SOCKET = clamd.socket_path
    assert retry_unscanned_mails.enqueue().return_value == 1
    inbound.refresh_from_db()
    assert inbound.state == InboundMail.State.PROCESSED
    assert Attachment.objects.get().filename == "liste.pdf"
