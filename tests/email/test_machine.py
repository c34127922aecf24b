"""Machine mail and loops (issue 22, item 4): held without ticket or receipt, visible in the
quarantine, taken over by staff when it is a concern after all."""

from __future__ import annotations

import pytest
from django.test import Client

from anliegen.channels.email.ingest import ingest_message
from anliegen.channels.email.models import InboundMail, OutboundMail
from anliegen.channels.email.notifications.citizen import notify_received
from anliegen.tickets.actions import NewTicket, create_ticket
from anliegen.tickets.actors import Actor, ActorKind
from anliegen.tickets.models import Channel, Ticket
from tests.conftest import City

pytestmark = pytest.mark.django_db(transaction=True)


def _mail(
    mid: str, subject: str, *, sender: str = "info@responder.example", extra: str = ""
) -> bytes:
    return (
        f"From: Firma <{sender}>\nTo: buergerservice@koblenz.example\nSubject: {subject}\n"
        f"Message-ID: <{mid}>\n{extra}Content-Type: text/plain; charset=utf-8\n\n"
        "Vielen Dank, wir melden uns.\n"
    ).encode()


def test_same_subject_and_sender_opens_two_tickets_an_hour_then_holds(city: City) -> None:
    states = [ingest_message(_mail(f"loop{i}@x", "Ihre Nachricht")).state for i in range(4)]
    assert states == ["processed", "processed", "rate_limited", "rate_limited"]
    held = InboundMail.objects.filter(state="rate_limited").first()
    assert held is not None and "Schleife" in held.error
    assert Ticket.objects.count() == 2
    assert OutboundMail.objects.filter(kind="citizen.received").count() == 2
    # Another subject of the same sender is a concern of its own.
    assert ingest_message(_mail("other@x", "Anderes Thema")).state == "processed"


def test_threaded_replies_with_one_subject_are_not_a_loop(city: City) -> None:
    first = ingest_message(_mail("t0@x", "Sperrmüll", sender="erika@example.org"))
    for i in range(1, 4):
        reply = ingest_message(
            _mail(f"t{i}@x", "Sperrmüll", sender="erika@example.org", extra="In-Reply-To: <t0@x>\n")
        )
        assert reply.state == "processed" and reply.ticket == first.ticket


def test_machine_mail_is_in_the_quarantine_and_can_be_taken_over(
    city: City, client: Client
) -> None:
    held = ingest_message(_mail("nr@x", "Zählerstand", sender="noreply@stadtwerke.example"))
    assert held.state == InboundMail.State.MACHINE and held.ticket is None
    assert "Automat" in held.error
    client.force_login(city.admin)
    page = client.get("/arbeitsplatz/mail/quarantaene/").content.decode()
    assert "Zählerstand" in page and "Maschinenpost" in page and "Automat" in page
    assert f"/quarantaene/{held.pk}/uebernehmen/" in page
    assert client.post(f"/arbeitsplatz/mail/quarantaene/{held.pk}/neu/").status_code == 302
    held.refresh_from_db()
    assert held.state == InboundMail.State.MACHINE  # reprocessing classifies it again
    assert client.post(f"/arbeitsplatz/mail/quarantaene/{held.pk}/uebernehmen/").status_code == 302
    held.refresh_from_db()
    assert held.state == InboundMail.State.PROCESSED and held.ticket is not None


def test_taking_over_needs_an_admin_and_a_held_mail(city: City, client: Client) -> None:
    done = ingest_message(_mail("ok@x", "Laterne", sender="erika@example.org"))
    client.force_login(city.clerk_ordnung)
    assert client.post(f"/arbeitsplatz/mail/quarantaene/{done.pk}/uebernehmen/").status_code == 302
    client.force_login(city.admin)
    assert client.post(f"/arbeitsplatz/mail/quarantaene/{done.pk}/uebernehmen/").status_code == 404


@pytest.mark.parametrize("address", ["clement.si", "clement@si"])
def test_no_receipt_to_an_address_that_is_no_mailbox(city: City, address: str) -> None:
    created = create_ticket(
        NewTicket(text="Bitte anrufen.", channel=Channel.PHONE, contact_email=address),
        Actor(ActorKind.SYSTEM, name="test"),
    )
    notify_received(created.ticket)
    assert not OutboundMail.objects.exists()
