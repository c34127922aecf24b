"""End to end over real servers: SMTP → dovecot → IMAP fetch → ticket → staff reply out over
SMTP → the citizen's answer threads into the same ticket; an auto-reply opens nothing."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest

from anliegen.channels.email.imap import fetch_mailbox
from anliegen.channels.email.models import InboundMail, Mailbox
from anliegen.tickets.actions import add_message
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Message, Ticket
from tests.conftest import City

from .servers import (
    PASSWORD,
    MailServers,
    empty_mailbox,
    imap_messages,
    send_smtp,
    settings_for_smtp,
)

pytestmark = pytest.mark.django_db(transaction=True)
HELPDESK = "helpdesk@koblenz.example"


def _mailbox(servers: MailServers) -> Mailbox:
    return Mailbox.objects.create(
        name="Bürgerservice",
        address=HELPDESK,
        imap_host="127.0.0.1",
        imap_port=servers.imap_port,
        imap_tls=False,
        imap_user="helpdesk",
        imap_password=PASSWORD,
    )


def _citizen_mail(subject: str, body: str, mid: str, **headers: str) -> bytes:
    mail = EmailMessage()
    mail["From"] = "Erika Muster <erika@koblenz.example>"
    mail["To"] = headers.pop("to", HELPDESK)
    mail["Subject"] = subject
    mail["Message-ID"] = mid
    for name, value in headers.items():
        mail[name.replace("_", "-")] = value
    mail.set_content(body)
    return mail.as_bytes()


def _parse(raw: bytes) -> EmailMessage:
    parsed = message_from_bytes(raw, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def _text(mail: EmailMessage) -> str:
    body = mail.get_body(("plain",))
    return str(body.get_content()) if body is not None else ""


@pytest.fixture
def servers(mail_servers: MailServers, settings: Any) -> MailServers:
    for user in ("helpdesk", "erika"):
        empty_mailbox(user, mail_servers.root)
    settings_for_smtp(settings)
    return mail_servers


def test_round_trip(servers: MailServers, city: City) -> None:
    mailbox = _mailbox(servers)
    first = _citizen_mail(
        "Laterne", "Die Laterne in der Rheinstraße ist aus.", "<r1@koblenz.example>"
    )
    send_smtp(first, "erika@koblenz.example", [HELPDESK])
    assert fetch_mailbox(mailbox).fetched == 1
    ticket = Ticket.objects.get()
    assert ticket.channel == "email"
    # The receipt went out over SMTP into Erika's real mailbox.
    receipts = [_parse(m) for m in imap_messages("erika")]
    assert any(ticket.reference in str(m["Subject"]) for m in receipts)
    # A clerk answers; the reply goes out over SMTP.
    ticket.refresh_from_db()
    add_message(ticket, Actor.staff(city.admin), Message.Kind.PUBLIC_REPLY, "Wir kommen morgen.")
    inbox = [_parse(m) for m in imap_messages("erika")]
    reply = next(m for m in inbox if "Wir kommen morgen." in _text(m))
    reply_to = str(reply["Reply-To"])
    assert reply_to.startswith("helpdesk+")
    # Erika answers to the reply address; it threads into the same ticket.
    answer = _citizen_mail(
        "Re: " + str(reply["Subject"]),
        "Danke, bis morgen!",
        "<r2@koblenz.example>",
        to=reply_to,
        In_Reply_To=str(reply["Message-ID"]),
    )
    send_smtp(answer, "erika@koblenz.example", [reply_to])
    # An out-of-office mail to the helpdesk opens nothing.
    auto = _citizen_mail(
        "Abwesenheitsnotiz", "Bin weg.", "<r3@koblenz.example>", Auto_Submitted="auto-replied"
    )
    send_smtp(auto, "erika@koblenz.example", [HELPDESK])
    assert fetch_mailbox(mailbox).fetched == 2
    assert Ticket.objects.count() == 1
    bodies = list(ticket.messages.values_list("body", flat=True))
    assert any("Danke, bis morgen!" in b for b in bodies)
    assert InboundMail.objects.get(dedupe_key="<r3@koblenz.example>").state == "auto_reply"


def test_killed_fetcher_loses_and_doubles_nothing(servers: MailServers, city: City) -> None:
    mailbox = _mailbox(servers)
    for index in range(6):
        raw = _citizen_mail(
            f"Mail {index}", f"Anliegen Nummer {index}.", f"<k{index}@koblenz.example>"
        )
        send_smtp(raw, "erika@koblenz.example", [HELPDESK])
    assert fetch_mailbox(mailbox, limit=2).fetched == 2
    # The fetcher dies after ingesting mail 3 but before it could record the UID.
    uid_before = Mailbox.objects.get(pk=mailbox.pk).last_uid
    from anliegen.channels.email.ingest import ingest_message

    third = imap_messages("helpdesk")[2]
    ingest_message(third, mailbox)
    assert Mailbox.objects.get(pk=mailbox.pk).last_uid == uid_before
    # Restarted, it finishes the batch: every mail once.
    mailbox.refresh_from_db()
    assert fetch_mailbox(mailbox).fetched == 4
    assert Ticket.objects.count() == 6
    texts = sorted(Message.objects.values_list("body", flat=True))
    assert texts == sorted(f"Anliegen Nummer {i}." for i in range(6))
