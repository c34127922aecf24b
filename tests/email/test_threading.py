"""Threading, duplicates, loops and the mails that go out, through ingest and the actions."""

from __future__ import annotations

import pytest
from django.core import mail as django_mail

from anliegen.channels.email.ingest import ingest_message
from anliegen.channels.email.models import InboundMail, OutboundMail
from anliegen.core.events import DomainEvent, publish
from anliegen.tickets.actions import add_message, assign_ticket
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Message, Ticket
from tests.conftest import City

pytestmark = pytest.mark.django_db(transaction=True)


def _mail(mid: str, body: str, *, sender: str = "erika@example.org", extra: str = "") -> bytes:
    return (
        f"From: Erika Muster <{sender}>\nTo: buergerservice@koblenz.example\n"
        f"Subject: Laterne\nMessage-ID: <{mid}>\n{extra}"
        f"Content-Type: text/plain; charset=utf-8\n\n{body}\n"
    ).encode()


def test_new_mail_opens_ticket_and_sends_receipt(city: City) -> None:
    inbound = ingest_message(_mail("a1@example.org", "Die Laterne ist aus."))
    ticket = inbound.ticket
    assert ticket is not None and ticket.channel == "email"
    assert ticket.contact_email == "erika@example.org"
    sent = django_mail.outbox[-1]
    assert sent.to == ["erika@example.org"]
    assert ticket.reference in sent.subject
    assert "/verfolgen/" in sent.body
    assert sent.reply_to[0].startswith("anliegen+")
    log = OutboundMail.objects.get(ticket=ticket, kind="citizen.received")
    assert log.state == OutboundMail.State.SENT
    assert "[[tracking-link]]" in log.body_text  # the token is not kept in the log


def test_same_message_id_twice_is_one_message(city: City) -> None:
    raw = _mail("dup@example.org", "Einmal bitte.")
    first, second = ingest_message(raw), ingest_message(raw)
    assert first.pk == second.pk
    assert Message.objects.filter(email_message_id="<dup@example.org>").count() == 1


def test_reply_address_threads(city: City) -> None:
    ticket = ingest_message(_mail("b1@example.org", "Erste Mail.")).ticket
    assert ticket is not None
    reply_to = OutboundMail.objects.get(ticket=ticket).reply_to
    raw = _mail("b2@other.example", "Nachtrag ohne Bezug.", sender="partner@example.org")
    raw = raw.replace(b"To: buergerservice@koblenz.example", f"To: {reply_to}".encode())
    second = ingest_message(raw)
    assert second.ticket == ticket and second.threaded_by == "reply_address"


def test_in_reply_to_threads_and_staff_reply_goes_out(city: City) -> None:
    ticket = ingest_message(_mail("c1@example.org", "Laterne aus.")).ticket
    assert ticket is not None
    ticket = Ticket.objects.get(pk=ticket.pk)
    staff = Actor.staff(city.admin) if not ticket.is_sensitive else None
    assert staff is not None
    add_message(ticket, staff, Message.Kind.PUBLIC_REPLY, "Wir reparieren sie morgen.")
    reply = OutboundMail.objects.get(ticket=ticket, kind="citizen.reply")
    assert "Wir reparieren sie morgen." in reply.body_text
    assert reply.in_reply_to == "<c1@example.org>"
    answer = _mail("c2@example.org", "Danke!", extra=f"In-Reply-To: {reply.message_id}\n")
    threaded = ingest_message(answer)
    assert threaded.ticket == ticket and threaded.threaded_by == "references"
    assert Ticket.objects.count() == 1


def test_subject_reference_threads_only_for_the_contact(city: City) -> None:
    ticket = ingest_message(_mail("d1@example.org", "Laterne aus.")).ticket
    assert ticket is not None
    own = _mail("d2@example.org", "Noch da.").replace(
        b"Subject: Laterne", f"Subject: Re: {ticket.reference}".encode()
    )
    assert ingest_message(own).ticket == ticket
    stranger = own.replace(b"d2@", b"d3@").replace(b"erika@example.org", b"x@evil.example")
    assert ingest_message(stranger).ticket != ticket


def test_auto_reply_opens_nothing(city: City) -> None:
    raw = _mail("oof@example.org", "Bin weg.", extra="Auto-Submitted: auto-replied\n")
    inbound = ingest_message(raw)
    assert inbound.state == InboundMail.State.AUTO_REPLY
    assert Ticket.objects.count() == 0 and not django_mail.outbox


def test_rate_limit_per_sender(city: City) -> None:
    for index in range(20):
        ingest_message(_mail(f"flood{index}@example.org", f"Mail {index}"))
    over = ingest_message(_mail("flood-last@example.org", "Noch eine"))
    assert over.state == InboundMail.State.RATE_LIMITED
    assert Ticket.objects.count() == 20


def test_sensitive_ticket_mail_has_no_content(city: City) -> None:
    ticket = ingest_message(_mail("s1@example.org", "Wohngeld Frage.")).ticket
    assert ticket is not None
    Ticket.objects.filter(pk=ticket.pk).update(is_sensitive=True, org_unit=city.sozialamt)
    ticket.refresh_from_db()
    add_message(
        ticket, Actor.staff(city.clerk_sozial), Message.Kind.PUBLIC_REPLY, "Ihr Einkommen …"
    )
    reply = OutboundMail.objects.get(ticket=ticket, kind="citizen.reply")
    assert "Einkommen" not in reply.body_text and "Einkommen" not in reply.body_html
    assert "link-verloren" in reply.body_text


def test_staff_notifications(city: City) -> None:
    city.clerk_ordnung.email = "clerk@koblenz.example"
    city.clerk_ordnung.save()
    ticket = ingest_message(_mail("e1@example.org", "Falschparker vor der Einfahrt.")).ticket
    assert ticket is not None
    Ticket.objects.filter(pk=ticket.pk).update(org_unit=city.ordnungsamt)
    ticket.refresh_from_db()
    assign_ticket(ticket, Actor.staff(city.lead_ordnung), city.clerk_ordnung)
    assert OutboundMail.objects.filter(kind="staff.assigned", recipient="clerk@koblenz.example")
    ingest_message(_mail("e2@example.org", "Noch da!", extra="In-Reply-To: <e1@example.org>\n"))
    assert OutboundMail.objects.filter(kind="staff.citizen_replied").count() == 1
    # The escalation job's contract: ticket.escalated with step and recipient ids.
    from django.db import transaction

    with transaction.atomic():
        publish(
            DomainEvent(
                "ticket.escalated",
                ticket.pk,
                {"step": "overdue", "recipient_ids": [city.clerk_ordnung.pk]},
            )
        )
    overdue = OutboundMail.objects.get(kind="staff.overdue")
    assert overdue.recipient == "clerk@koblenz.example"
    assert ticket.reference in overdue.subject


def test_answer_to_a_staff_notification_does_not_thread(city: City) -> None:
    city.clerk_ordnung.email = "clerk@koblenz.example"
    city.clerk_ordnung.save()
    ticket = ingest_message(_mail("f1@example.org", "Falschparker.")).ticket
    assert ticket is not None
    Ticket.objects.filter(pk=ticket.pk).update(org_unit=city.ordnungsamt)
    ticket.refresh_from_db()
    assign_ticket(ticket, Actor.staff(city.lead_ordnung), city.clerk_ordnung)
    note = OutboundMail.objects.get(kind="staff.assigned")
    assert note.reply_to == ""
    answer = _mail(
        "f2@koblenz.example", "Mache ich.", sender="clerk@koblenz.example",
        extra=f"In-Reply-To: {note.message_id}\n",
    )  # fmt: skip
    assert ingest_message(answer).ticket != ticket


@pytest.mark.parametrize("outcome", ["anonymise", "delete"])
def test_retention_removes_raw_and_sent_mails(city: City, outcome: str) -> None:
    from anliegen.tickets.actions import anonymise_ticket, delete_ticket

    ticket = ingest_message(_mail("ret1@example.org", "Die Laterne ist aus.")).ticket
    assert ticket is not None
    assert InboundMail.objects.filter(ticket=ticket).exists()
    assert OutboundMail.objects.filter(ticket=ticket).exists()
    act = anonymise_ticket if outcome == "anonymise" else delete_ticket
    assert act(ticket.pk, Actor.system("retention"), reason="Frist abgelaufen")
    assert not InboundMail.objects.exists()
    assert not OutboundMail.objects.filter(recipient="erika@example.org").exists()
