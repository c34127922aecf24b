"""One mail, one row: a re-delivery is a no-op, a different mail under a known Message-ID is
stored and handled as a mail of its own (issue 22, item 1)."""

from __future__ import annotations

import base64
import logging
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from anliegen.channels.email.fingerprint import fingerprint
from anliegen.channels.email.ingest import ingest, ingest_message
from anliegen.channels.email.models import InboundMail
from anliegen.tickets.models import Ticket
from tests.conftest import City

pytestmark = pytest.mark.django_db(transaction=True)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def _mail(mid: str, body: str, *, files: tuple[str, ...] = (), head: str = "") -> bytes:
    parts = [
        "--b1\nContent-Type: text/plain; charset=utf-8\n\n" + body + "\n",
        *(
            f'--b1\nContent-Type: image/jpeg; name="{name}"\n'
            f'Content-Disposition: attachment; filename="{name}"\n'
            f"Content-Transfer-Encoding: base64\n\n{base64.b64encode(JPEG).decode()}\n"
            for name in files
        ),
    ]
    mid_line = f"Message-ID: <{mid}>\n" if mid else ""
    return (
        f"{head}From: Erika Muster <erika@example.org>\nTo: buergerservice@koblenz.example\n"
        f"Subject: Laterne\n{mid_line}MIME-Version: 1.0\n"
        f'Content-Type: multipart/mixed; boundary="b1"\n\n' + "".join(parts) + "--b1--\n"
    ).encode()


def test_different_mail_under_known_message_id_is_stored_and_handled(
    city: City, caplog: pytest.LogCaptureFixture
) -> None:
    first = ingest_message(_mail("same@example.org", "Die Laterne ist aus."))
    with caplog.at_level(logging.WARNING, logger="anliegen.channels.email.ingest"):
        second = ingest_message(
            _mail("same@example.org", "Und der Gully ist verstopft.", files=("a.jpg", "b.jpg"))
        )
    assert second.pk != first.pk
    assert second.state == InboundMail.State.PROCESSED, second.error
    assert second.message_id_reused and not first.message_id_reused
    assert second.message is not None and second.ticket is not None
    assert "Gully" in second.message.body
    assert sorted(a.filename for a in second.message.attachments.all()) == ["a.jpg", "b.jpg"]
    assert first.message is not None and "Laterne" in first.message.body
    assert second.ticket != first.ticket
    assert any("same@example.org" in r.getMessage() for r in caplog.records)


def test_redelivery_is_a_no_op_even_with_other_delivery_headers(city: City) -> None:
    raw = _mail("once@example.org", "Einmal bitte.", files=("foto.jpg",))
    first = ingest(raw)
    # The same mail fetched over IMAP after an LMTP delivery: other trace headers, CRLF.
    other_path = (
        b"Return-Path: <erika@example.org>\nDelivered-To: buergerservice@koblenz.example\n"
        b"Received: from mx.example.org by mail.koblenz.example; Tue, 24 Nov 2026 10:00 +0100\n"
        + raw
    ).replace(b"\n", b"\r\n")
    second = ingest(other_path)
    assert not first.duplicate and second.duplicate
    assert second.inbound.pk == first.inbound.pk
    assert InboundMail.objects.count() == 1
    assert Ticket.objects.count() == 1
    assert first.inbound.message is not None
    assert first.inbound.message.attachments.count() == 1


def test_mails_without_message_id_are_told_apart_by_content(city: City) -> None:
    one, two = _mail("", "Erste Mail ohne ID."), _mail("", "Zweite Mail ohne ID.")
    assert ingest(one).inbound.pk != ingest(two).inbound.pk
    assert ingest(one).duplicate
    assert InboundMail.objects.count() == 2
    assert set(InboundMail.objects.values_list("message_id_header", flat=True)) == {""}


def test_fingerprint_ignores_delivery_headers_only() -> None:
    raw = _mail("f@example.org", "Text")
    assert fingerprint(raw).message_id == "<f@example.org>"
    traced = b"Received: from a by b\n\tfor <x@example.org>; Tue, 24 Nov 2026\n" + raw
    assert fingerprint(traced) == fingerprint(raw)
    assert fingerprint(raw.replace(b"Subject: Laterne", b"Subject: Gully")) != fingerprint(raw)
    assert fingerprint(raw.replace(b"Text", b"Test")) != fingerprint(raw)


def test_import_mail_prints_each_mails_own_state(city: City, tmp_path: Path) -> None:
    first, second = tmp_path / "1.eml", tmp_path / "2.eml"
    first.write_bytes(_mail("cmd@example.org", "Laterne aus."))
    second.write_bytes(_mail("cmd@example.org", "Anderer Inhalt.", files=("c.jpg",)))
    out = StringIO()
    call_command("import_mail", str(first), str(second), str(first), stdout=out)
    lines = out.getvalue().splitlines()
    one, two = InboundMail.objects.order_by("pk")
    assert one.ticket is not None and two.ticket is not None
    assert f"processed {one.ticket.reference} (E-Mail {one.pk})" in lines[0]
    assert f"processed {two.ticket.reference} (E-Mail {two.pk})" in lines[1]
    assert "Message-ID <cmd@example.org> schon vergeben" in lines[1]
    assert f"(E-Mail {one.pk}) – schon importiert" in lines[2]
