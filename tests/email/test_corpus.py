"""The .eml corpus: every mail parses into the expected text and attachments, through
ingest_message (the path IMAP, LMTP and the import command share)."""

from __future__ import annotations

from typing import Any

import pytest

from anliegen.channels.email.ingest import ingest_message
from anliegen.channels.email.models import Bounce, InboundMail
from anliegen.channels.email.parsing import parse_mail
from tests.conftest import City

from .conftest import FIXTURES, eml, expected

CASES = expected()


def test_corpus_is_large_enough() -> None:
    assert len(list(FIXTURES.glob("*.eml"))) >= 60
    assert set(CASES) == {p.stem for p in FIXTURES.glob("*.eml")}


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c["state"] == "processed"))
def test_parser(name: str) -> None:
    case: dict[str, Any] = CASES[name]
    mail = parse_mail(eml(name))
    for text in case.get("full", []):
        assert text in mail.text
    for text in case.get("quoted", []):
        assert text in mail.quoted_text
    if case.get("signed"):
        assert mail.is_signed
    if "subject" in case:
        assert mail.subject == case["subject"]
    if "sender_name" in case:
        assert mail.sender_name == case["sender_name"]
    if case.get("html"):
        assert mail.html
    for fragment in case.get("html_absent", []):
        assert fragment not in mail.html


@pytest.mark.parametrize("name", sorted(CASES))
def test_ingest(name: str, city: City) -> None:
    case: dict[str, Any] = CASES[name]
    inbound = ingest_message(eml(name))
    assert inbound.state == case["state"], inbound.error
    if case["state"] == "bounce":
        assert inbound.ticket is None
        if case.get("bounce"):
            assert Bounce.objects.get(inbound=inbound).address == case["bounce"]
        return
    if case["state"] != "processed":
        assert inbound.ticket is None
        return
    assert inbound.message is not None
    body = inbound.message.body
    for text in case["contains"]:
        assert text in body
    for text in case["absent"]:
        assert text not in body
    names = sorted(a.filename for a in inbound.message.attachments.all())
    assert names == sorted(case["files"])
    for attachment in inbound.message.attachments.all():
        assert attachment.file.read()  # stored, not only listed


def test_quarantine_keeps_raw_and_reprocess_is_possible(city: City) -> None:
    raw = eml("outlook_tnef_broken")
    inbound = ingest_message(raw)
    assert inbound.state == InboundMail.State.QUARANTINED
    assert "TNEF" in inbound.error
    assert bytes(inbound.raw) == raw
    again = ingest_message(raw)  # delivered again: still one row, still quarantined
    assert again.pk == inbound.pk
    assert InboundMail.objects.count() == 1
