"""The LMTP receiver: a mail server delivers straight to the helpdesk."""

from __future__ import annotations

import smtplib
from collections.abc import Iterator

import pytest

from anliegen.channels.email.lmtp import LMTPController, start
from anliegen.channels.email.models import InboundMail, Mailbox
from anliegen.tickets.models import Ticket
from tests.conftest import City

pytestmark = pytest.mark.django_db(transaction=True)
PORT = 21026


@pytest.fixture
def receiver() -> Iterator[LMTPController]:
    controller = start("127.0.0.1", PORT)
    yield controller
    controller.stop()


def test_lmtp_delivery_opens_ticket_once(receiver: LMTPController, city: City) -> None:
    Mailbox.objects.create(name="Ordnungsamt", address="ordnung@koblenz.example")
    raw = (
        b"From: Erika <erika@example.org>\r\nTo: ordnung@koblenz.example\r\n"
        b"Subject: Falschparker\r\nMessage-ID: <lmtp1@example.org>\r\n\r\n"
        b"Seit drei Tagen parkt ein Auto auf dem Gehweg.\r\n"
    )
    with smtplib.LMTP("127.0.0.1", PORT) as lmtp:
        lmtp.sendmail("erika@example.org", ["ordnung@koblenz.example"], raw)
        lmtp.sendmail("erika@example.org", ["ordnung@koblenz.example"], raw)  # retried
    inbound = InboundMail.objects.get()
    assert inbound.state == InboundMail.State.PROCESSED
    assert inbound.mailbox is not None and inbound.mailbox.address == "ordnung@koblenz.example"
    assert Ticket.objects.count() == 1
    assert "Gehweg" in Ticket.objects.get().messages.get().body
