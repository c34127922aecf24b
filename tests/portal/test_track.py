from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from anliegen.catalog.models import Service
from anliegen.organization.models import User
from anliegen.tickets.actions import (
    CreatedTicket,
    NewTicket,
    add_message,
    change_status,
    close_ticket,
    create_ticket,
    reopen_ticket,
)
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel, EventKind, Message, Ticket
from anliegen.tickets.status import Status

from .demo import BULKY_WASTE


@pytest.fixture
def created(catalogue: None) -> CreatedTicket:
    return create_ticket(
        NewTicket(
            text="Bitte holen Sie meine alte Couch ab.",
            channel=Channel.WEB,
            service=Service.objects.get(key=BULKY_WASTE),
            contact_name="Erika Mustermann",
            contact_email="erika@example.org",
        ),
        Actor.citizen(),
    )


def staff() -> Actor:
    return Actor.staff(User.objects.get(username="admin"))


def open_link(client: Client, token: str) -> Any:
    response = client.get(reverse("portal:track_entry", args=[token]))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:track")  # the token leaves the URL
    return client.get(response["Location"])


def test_tracking_page_shows_public_things_only(client: Client, created: CreatedTicket) -> None:
    ticket = created.ticket
    add_message(ticket, staff(), Message.Kind.PUBLIC_REPLY, "Termin ist am Montag.")
    add_message(ticket, staff(), Message.Kind.INTERNAL_NOTE, "Geheimer Vermerk")
    Ticket.objects.filter(pk=ticket.pk).update(public_status_text="Tourenplanung läuft")
    page = open_link(client, created.token).text
    assert ticket.reference in page
    assert "Termin ist am Montag." in page
    assert "Tourenplanung läuft" in page
    assert "Eingegangen" in page
    assert "Geheimer Vermerk" not in page
    assert "admin" not in page
    assert created.token not in page


@pytest.mark.parametrize("token", ["falsch", "x" * 43, "x" * 200])
def test_wrong_token_is_the_same_german_404(
    client: Client, created: CreatedTicket, token: str
) -> None:
    response = client.get(reverse("portal:track_entry", args=[token]))
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.text
    assert client.get(reverse("portal:track")).status_code == 404


def test_reply_with_attachment_and_close(client: Client, created: CreatedTicket) -> None:
    open_link(client, created.token)
    upload = SimpleUploadedFile("brief.pdf", b"%PDF-1.4\n...")
    response = client.post(
        reverse("portal:reply"), {"body": "Die Couch steht bereit.", "attachments": [upload]}
    )
    assert response.status_code == 302
    message = Message.objects.filter(kind=Message.Kind.CITIZEN).last()
    assert message is not None
    assert message.body == "Die Couch steht bereit."
    assert message.attachments.get().filename == "brief.pdf"
    assert "Die Couch steht bereit." in client.get(reverse("portal:track")).text
    assert client.post(reverse("portal:close"), {"confirmed": "1"}).status_code == 302
    created.ticket.refresh_from_db()
    assert created.ticket.status == Status.CLOSED


def test_reply_errors_keep_the_text(client: Client, created: CreatedTicket) -> None:
    open_link(client, created.token)
    upload = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00")
    page = client.post(reverse("portal:reply"), {"body": "Mein Text", "attachments": [upload]})
    assert page.status_code == 400
    assert "nicht erlaubtes Format" in page.text
    assert "Mein Text" in page.text
    empty = client.post(reverse("portal:reply"), {"body": "  "})
    assert "Bitte schreiben Sie eine Nachricht." in empty.text


def test_changes_need_post_and_a_known_session(client: Client, created: CreatedTicket) -> None:
    assert client.post(reverse("portal:close")).status_code == 404
    open_link(client, created.token)
    assert client.get(reverse("portal:close")).status_code == 405
    csrf_client = Client(enforce_csrf_checks=True)
    open_link(csrf_client, created.token)
    assert csrf_client.post(reverse("portal:close")).status_code == 403


def lookup(client: Client, reference: str, email: str) -> Any:
    return client.post(reverse("portal:lost_link"), {"reference": reference, "email": email})


def test_lost_link_reveals_nothing_and_sends_a_fresh_link(
    client: Client, created: CreatedTicket, django_capture_on_commit_callbacks: Any
) -> None:
    reference = created.ticket.reference
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            lookup(client, reference, "ERIKA@example.org"),
            lookup(client, reference, "someone@example.org"),
            lookup(client, "2026-999999-X", "erika@example.org"),
        ]
    assert {a.status_code for a in answers} == {200}
    pages = {re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", a.text) for a in answers}
    assert len(pages) == 1  # byte for byte the same answer, match or not
    assert "Wenn Vorgangsnummer und E-Mail-Adresse" in pages.pop()
    assert len(mail.outbox) == 1
    assert open_link(client, created.token).status_code == 200  # valid until the new is used
    new_link = next(line for line in mail.outbox[0].body.splitlines() if "/verfolgen/" in line)
    assert open_link(client, new_link.rsplit("/verfolgen/", 1)[1].strip("/")).status_code == 200
    assert client.get(reverse("portal:track_entry", args=[created.token])).status_code == 404
    assert created.ticket.events.filter(kind=EventKind.TOKEN_REISSUED).count() == 2


def test_reply_errors_are_at_their_field(client: Client, created: CreatedTicket) -> None:
    client.get(reverse("portal:track_entry", args=[created.token]))
    empty = client.post(reverse("portal:reply"), {"body": "  "})
    assert empty.status_code == 400
    field = re.search(
        r'<p class="kern-error" id="id_body-error">.*?</p>\s*<textarea[^>]*aria-invalid="true"',
        empty.text,
        re.S,
    )
    assert field and "Bitte schreiben Sie eine Nachricht." in field.group(0)
    assert 'role="alert"' not in empty.text  # no second message at the top
    refused = client.post(
        reverse("portal:reply"),
        {"body": "Mein Text", "attachments": [SimpleUploadedFile("a.pdf", b"MZ\x90\x00")]},
    )
    assert refused.status_code == 400
    assert re.search(r'id="id_attachments-error">.*nicht erlaubtes Format', refused.text, re.S)
    assert "Mein Text" in refused.text


def test_a_citizen_message_on_a_resolved_ticket_reopens_it(
    client: Client, created: CreatedTicket
) -> None:
    change_status(created.ticket, staff(), Status.IN_PROGRESS)
    change_status(created.ticket, staff(), Status.RESOLVED)
    open_link(client, created.token)
    answer = client.post(reverse("portal:reply"), {"body": "Die Couch steht noch da."})
    assert answer.status_code == 302
    created.ticket.refresh_from_db()
    assert created.ticket.status == Status.IN_PROGRESS
    assert created.ticket.resolved_at is None


def test_closing_asks_once_then_closes(client: Client, created: CreatedTicket) -> None:
    open_link(client, created.token)
    asked = client.post(reverse("portal:close"))
    assert asked.status_code == 200
    assert "Anliegen beenden?" in asked.text
    assert 'name="confirmed" value="1"' in asked.text
    assert f'href="{reverse("portal:track")}"' in asked.text  # "Nein, zurück"
    created.ticket.refresh_from_db()
    assert created.ticket.status == Status.NEW
    closed = client.post(reverse("portal:close"), {"confirmed": "1"}, follow=True)
    assert "14 Tage lang rückgängig" in closed.text
    created.ticket.refresh_from_db()
    assert created.ticket.status == Status.CLOSED


def test_the_citizen_undoes_the_close_within_14_days(
    client: Client, created: CreatedTicket
) -> None:
    ticket = created.ticket
    change_status(ticket, staff(), Status.IN_PROGRESS)
    open_link(client, created.token)
    client.post(reverse("portal:close"), {"confirmed": "1"})
    page = client.get(reverse("portal:track")).text
    assert "Beenden rückgängig machen" in page
    assert 'name="body"' not in page  # closed: no reply form until undone
    undone = client.post(reverse("portal:undo_close"), follow=True)
    assert "wieder offen" in undone.text
    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS  # where it was before the close
    assert ticket.closed_at is None and ticket.resolved_at is None
    assert "Beenden rückgängig machen" not in undone.text
    assert 'name="body"' in undone.text
    last = ticket.events.filter(kind=EventKind.STATUS_CHANGED).last()
    assert last is not None and last.data["new"] == Status.IN_PROGRESS


def test_no_undo_after_14_days(client: Client, created: CreatedTicket) -> None:
    open_link(client, created.token)
    client.post(reverse("portal:close"), {"confirmed": "1"})
    created.ticket.events.filter(kind=EventKind.STATUS_CHANGED).update(
        created_at=timezone.now() - timedelta(days=14, minutes=1)
    )
    assert "Beenden rückgängig machen" not in client.get(reverse("portal:track")).text
    refused = client.post(reverse("portal:undo_close"))
    assert refused.status_code == 400
    assert "nicht mehr rückgängig" in refused.text
    created.ticket.refresh_from_db()
    assert created.ticket.status == Status.CLOSED


def test_no_undo_once_staff_changed_the_status(client: Client, created: CreatedTicket) -> None:
    ticket = created.ticket
    open_link(client, created.token)
    client.post(reverse("portal:close"), {"confirmed": "1"})
    reopen_ticket(ticket, staff())
    close_ticket(ticket, staff())
    assert "Beenden rückgängig machen" not in client.get(reverse("portal:track")).text
    refused = client.post(reverse("portal:undo_close"))
    assert refused.status_code == 400
    assert "nicht mehr rückgängig" in refused.text
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED


def test_undo_needs_post_and_the_link(client: Client, created: CreatedTicket) -> None:
    assert client.post(reverse("portal:undo_close")).status_code == 404
    open_link(client, created.token)
    assert client.get(reverse("portal:undo_close")).status_code == 405
