"""Mails as broken and unusual clients send them (tests/email/fixtures/realworld/, written by
make_realworld.py): every field the corpus expects, through the parser and through ingest."""

from __future__ import annotations

import json
from typing import Any

import pytest

from anliegen.channels.email.ingest import ingest_message
from anliegen.channels.email.models import OutboundMail
from anliegen.channels.email.parsing import parse_mail
from tests.conftest import City

from .conftest import FIXTURES

REALWORLD = FIXTURES / "realworld"
CASES: dict[str, dict[str, Any]] = json.loads((REALWORLD / "expected.json").read_text())


def _raw(name: str) -> bytes:
    return (REALWORLD / f"{name}.eml").read_bytes()


def test_every_mail_has_its_expectations() -> None:
    assert set(CASES) == {p.stem for p in REALWORLD.glob("*.eml")}


@pytest.mark.parametrize("name", sorted(CASES))
def test_parsed_fields(name: str) -> None:
    case = CASES[name]
    mail = parse_mail(_raw(name))
    for field in ("sender", "sender_name", "subject"):
        if field in case:
            assert getattr(mail, field) == case[field], field
    if case["state"] != "processed":
        return
    for text in case["contains"]:
        assert text in mail.new_text
    for text in case.get("quoted", []):
        assert text in mail.quoted_text and text not in mail.new_text
    assert sorted(a.filename for a in mail.attachments) == sorted(case["files"])


@pytest.mark.parametrize("name", sorted(CASES))
def test_ingested(name: str, city: City, django_capture_on_commit_callbacks: Any) -> None:
    case = CASES[name]
    with django_capture_on_commit_callbacks(execute=True):  # the receipt goes after commit
        inbound = ingest_message(_raw(name))
    assert inbound.state == case["state"], inbound.error
    if "sender" in case:
        assert inbound.sender == case["sender"]
    if case["state"] != "processed":
        assert inbound.ticket is None
        assert not OutboundMail.objects.exists()  # no receipt to a machine
        return
    assert inbound.message is not None and inbound.ticket is not None
    body = inbound.message.body
    for text in case["contains"]:
        assert text in body
    for text in case["absent"]:
        assert text not in body
    stored = sorted(a.filename for a in inbound.message.attachments.all())
    assert stored == sorted(case["files"])
    if "subject" in case:
        assert inbound.ticket.subject == case["subject"][: len(inbound.ticket.subject)]
    if "sender_name" in case:
        assert inbound.ticket.contact_name == case["sender_name"]
    receipts = OutboundMail.objects.filter(ticket=inbound.ticket, kind="citizen.received")
    assert receipts.exists() == case.get("receipt", bool(inbound.ticket.contact_email))
