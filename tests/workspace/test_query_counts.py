"""Issue 16, point 11: the inbox and the ticket page cost at most twelve queries for every
kind of ticket a clerk works — not only the plain web concern the other counts use.

Each kind is built through the interfaces and actions that make it in real life (e-mail
ingest, status bridge, supporters of a public defect report, merge, consultation) and is
viewed by a clerk of the office that holds it. Counted on a warm request (per-process
caches such as content types and policy rows are read once per process).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anliegen.channels.email.ingest import ingest_message
from anliegen.channels.email.models import Mailbox
from anliegen.defects import actions as defect_actions
from anliegen.organization.models import Membership, User
from anliegen.tickets.actions import (
    AttachmentInput,
    add_message,
    answer_consultation,
    apply_external_status,
    link_external_reference,
    merge_ticket,
    request_consultation,
    route_ticket,
)
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Message, Ticket
from anliegen.tickets.status import Status
from tests.conftest import City, submit

from .conftest import signed_in
from .test_pages import MAX_QUERIES, PNG


def _clerk(username: str, unit: Any) -> User:
    user = User.objects.filter(username=username).first() or User.objects.create_user(username)
    Membership.objects.get_or_create(user=user, org_unit=unit)
    return user


def _defect(city: City) -> tuple[Ticket, User]:
    """A public defect report with a point, an approved text and supporters."""
    road = _clerk("clerk.tiefbau", city.tiefbau)
    ticket = submit(
        city.laterne,
        text="Die Laterne vor Haus 12 ist seit Tagen aus.",
        location_text="Löhrstraße 12",
        latitude=Decimal("50.356123"),
        longitude=Decimal("7.592456"),
    ).ticket
    defect_actions.set_public_text(ticket, Actor.staff(road), "Laterne aus, Löhrstraße")
    for i in range(3):
        defect_actions.support_report(ticket.reference, f"nachbar{i}@example.org")
    nearby = submit(city.laterne, latitude=Decimal("50.356200"), longitude=Decimal("7.592400"))
    defect_actions.merge_into_report(nearby.ticket, Actor.staff(road), ticket)
    return ticket, road


def _attachments(city: City) -> tuple[Ticket, User]:
    ticket = submit(city.falschparker).ticket
    for i in range(3):
        files = (
            AttachmentInput(f"foto{i}.png", PNG, "image/png"),
            AttachmentInput(f"plan{i}.png", PNG, "image/png"),
        )
        add_message(ticket, Actor.citizen(), Message.Kind.CITIZEN, f"Foto {i}", attachments=files)
    return ticket, city.clerk_vollzug


def _consultation(city: City) -> tuple[Ticket, User]:
    road = _clerk("clerk.tiefbau", city.tiefbau)
    ticket = submit(city.falschparker).ticket
    clerk = Actor.staff(city.clerk_vollzug)
    for i in range(3):
        asked = request_consultation(ticket, clerk, city.tiefbau, f"Frage {i}")
        if i < 2:  # the last question stays open
            answer_consultation(asked, Actor.staff(road), f"Antwort {i}")
    return ticket, city.clerk_vollzug


def _merged(city: City) -> tuple[Ticket, User]:
    ticket = submit(city.falschparker, "Auto auf dem Gehweg").ticket
    clerk = Actor.staff(city.clerk_vollzug)
    for i in range(3):
        merge_ticket(submit(city.falschparker, f"Gehweg zugeparkt {i}").ticket, clerk, ticket)
    return ticket, city.clerk_vollzug


def _sensitive(city: City) -> tuple[Ticket, User]:
    ticket = submit(city.wohngeld, "Mein Antrag auf Wohngeld").ticket
    clerk = Actor.staff(city.clerk_sozial)
    add_message(ticket, clerk, Message.Kind.INTERNAL_NOTE, "Einkommen geprüft")
    add_message(ticket, clerk, Message.Kind.PUBLIC_REPLY, "Bitte reichen Sie nach …")
    return ticket, city.clerk_sozial


def _mail(index: int, reply_to: int | None = None) -> bytes:
    reply = f"In-Reply-To: <qc{reply_to}@example.org>\r\n" if reply_to is not None else ""
    return (
        "From: Erika Muster <erika@example.org>\r\nTo: buergerservice@koblenz.example\r\n"
        f"Subject: Falschparker {index}\r\nMessage-ID: <qc{index}@example.org>\r\n{reply}"
        'MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Vor meiner Einfahrt steht ein Auto ({index}).\r\n> zitiert\r\n"
        "--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        f"<p>Vor meiner Einfahrt steht ein <b>Auto</b> ({index}).</p>\r\n--b--\r\n"
    ).encode()


def _email_thread(city: City) -> tuple[Ticket, User]:
    mailbox = Mailbox.objects.create(name="Bürgerservice", address="buergerservice@koblenz.example")
    first = ingest_message(_mail(0), mailbox)
    assert first.ticket_id is not None
    ticket = Ticket.objects.get(pk=first.ticket_id)
    if ticket.org_unit_id != city.vollzugsdienst.pk:
        route_ticket(ticket, Actor.staff(city.admin), service=city.falschparker,
                     org_unit=city.vollzugsdienst, reason="Falschparker")  # fmt: skip
    ticket.refresh_from_db()
    add_message(ticket, Actor.staff(city.clerk_vollzug), Message.Kind.PUBLIC_REPLY, "Danke")
    for i in range(1, 4):
        assert ingest_message(_mail(i, reply_to=i - 1), mailbox).ticket_id == ticket.pk
    return ticket, city.clerk_vollzug


def _status_bridge(city: City) -> tuple[Ticket, User]:
    ticket = submit(city.falschparker).ticket
    clerk = Actor.staff(city.clerk_vollzug)
    link_external_reference(ticket, clerk, "OWI", "OWI-2026-0815")
    link_external_reference(ticket, clerk, "KFZ", "KO-AB-123")
    bridge = Actor.system("integration:owi")
    for text, status in (("Verwarnung wird geprüft", Status.IN_PROGRESS),
                         ("Verwarnungsgeld erhoben", None)):  # fmt: skip
        apply_external_status(ticket, bridge, system="OWI", reference="OWI-2026-0815",
                              public_text=text, status=status)  # fmt: skip
    return ticket, city.clerk_vollzug


KINDS: dict[str, Callable[[City], tuple[Ticket, User]]] = {
    "defect": _defect,
    "attachments": _attachments,
    "consultation": _consultation,
    "merged": _merged,
    "sensitive": _sensitive,
    "email_thread": _email_thread,
    "status_bridge": _status_bridge,
}


def _count(client: Client, url: str, **params: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx)


# Known gap, measured 2026-12-08 on SQLite: the defect report's page runs 20 queries (its
# publication facts: approved text, supporters, merged reports, nearby reports are read one by
# one). strict: the mark must go once the page is fixed.
DEFECT_GAP = pytest.mark.xfail(strict=True, reason="defect report page: 20 queries, issue 16")
PAGE_KINDS = [pytest.param(k, marks=DEFECT_GAP) if k == "defect" else k for k in KINDS]


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_ticket_page_of_every_kind_runs_at_most_twelve_queries(
    city: City, kind: str, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        ticket, clerk = KINDS[kind](city)
    client = signed_in(clerk)
    url = reverse("workspace:ticket", args=[ticket.pk])
    _count(client, url)  # warms per-process caches
    page = client.get(url).content.decode()
    assert ticket.reference in page  # the clerk sees the ticket itself, not a whereabouts page
    queries = _count(client, url)
    assert queries <= MAX_QUERIES, f"{kind}: {queries} queries"


@pytest.mark.parametrize("kind", list(KINDS))
def test_inbox_with_every_kind_runs_at_most_twelve_queries(
    city: City, kind: str, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        ticket, clerk = KINDS[kind](city)
    client = signed_in(clerk)
    url = reverse("workspace:inbox")
    _count(client, url, view="all")
    page = client.get(url, {"view": "all"}).content.decode()
    assert ticket.reference in page
    for view in ("mine", "office", "all", "triage", "consultations"):
        queries = _count(client, url, view=view)
        assert queries <= MAX_QUERIES, f"{kind}, {view}: {queries} queries"
