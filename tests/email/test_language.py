"""Mails to the citizen go out in the language they wrote in: the mail's Content-Language or
Accept-Language, or the portal language at submission; otherwise the site's (German)."""

from __future__ import annotations

import pytest
from django.core import mail as django_mail

from anliegen.channels.email.ingest import ingest_message
from anliegen.tickets.actions import add_message, change_status
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Message
from anliegen.tickets.status import Status
from tests.conftest import City

pytestmark = pytest.mark.django_db(transaction=True)


def _mail(mid: str, headers: str) -> bytes:
    return (
        f"From: Jane Doe <jane@example.org>\nTo: buergerservice@koblenz.example\n"
        f"Subject: Street light\nMessage-ID: <{mid}>\n{headers}"
        "Content-Type: text/plain; charset=utf-8\n\nThe street light is broken.\n"
    ).encode()


@pytest.mark.parametrize(
    ("headers", "language"),
    [
        ("Content-Language: en-GB\n", "en"),
        ("Accept-Language: fr-FR, en;q=0.8, de;q=0.5\n", "en"),
        ("Content-Language: fr\nAccept-Language: de-DE, en;q=0.9\n", "de"),
        ("Content-Language: fr\n", ""),
        ("", ""),
    ],
)
def test_language_of_the_mail_is_kept_on_the_ticket(
    city: City, headers: str, language: str
) -> None:
    ticket = ingest_message(_mail("lang@example.org", headers)).ticket
    assert ticket is not None and ticket.contact_language == language
    receipt = django_mail.outbox[-1]
    if language == "en":
        assert receipt.subject == f"Your concern {ticket.reference} has been received"
    else:
        assert receipt.subject == f"Ihr Anliegen {ticket.reference} ist eingegangen"


def test_every_citizen_mail_follows_the_language(city: City) -> None:
    ticket = ingest_message(_mail("en1@example.org", "Content-Language: en\n")).ticket
    assert ticket is not None
    clerk = Actor.staff(city.admin)
    add_message(ticket, clerk, Message.Kind.PUBLIC_REPLY, "We will fix it tomorrow.")
    reply = django_mail.outbox[-1]
    assert reply.body.startswith("Hello,") and "We will fix it tomorrow." in reply.body
    ticket.refresh_from_db()
    change_status(ticket, clerk, Status.RESOLVED)
    status = django_mail.outbox[-1]
    assert status.subject == f"New status of your concern {ticket.reference}"
