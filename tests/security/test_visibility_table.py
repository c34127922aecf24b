"""Issue 24, point 4: one visibility rule, and every place agrees with it.

The fixed cast of users × a set of tickets (an office's own, one under social secrecy, an
unsorted one, a consulted one, one assigned across offices). ``EXPECTED`` is the rule written
out by hand; the rule's two forms (``privacy.needtoknow``: the query and the per-ticket
check) must give that table, and so must every interface that shows tickets: the access
functions, the inbox (all tickets, and its full-text search), the ticket page, the
attachment download, the whereabouts page, the REST API (keys scoped to an office), the
reports' scope and the secret rows of the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from anliegen.channels.api.tokens import issue_token
from anliegen.organization.models import User
from anliegen.privacy.models import AuditEvent
from anliegen.privacy.needtoknow import TicketFacts, reach, report_units
from anliegen.privacy.roles import DPO_GROUP
from anliegen.privacy.secrecy import clearance
from anliegen.tickets import access
from anliegen.tickets.actions import (
    AttachmentInput,
    NewTicket,
    add_message,
    create_ticket,
    request_consultation,
)
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel, Message, Ticket
from anliegen.tickets.status import Status
from tests.conftest import City, submit

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32

# who sees which ticket — the rule, by hand
EXPECTED: dict[str, set[str]] = {
    "clerk.vollzug": {"parker", "parker_assigned_away"},
    "clerk.ordnung": {"parker", "parker_assigned_away"},  # office above the Vollzugsdienst
    "lead.ordnung": {"parker", "parker_assigned_away"},
    "clerk.sozial": {"wohngeld", "lamp_consulted", "parker_assigned_away"},  # consulted, assigned
    "triage": {"unsorted"},
    "admin": {"parker", "unsorted", "lamp_consulted", "parker_assigned_away"},  # never secret
    "dsb": set(),  # the data protection role opens no ticket page
    # nobody: "unsorted_secret" (unsorted and under secrecy: not even triage or admin)
    "gone": set(),  # inactive
}


@dataclass
class Cast:
    users: dict[str, User]
    tickets: dict[str, Ticket]


def _with_attachment(ticket: Ticket) -> None:
    add_message(
        ticket,
        Actor.citizen(),
        Message.Kind.CITIZEN,
        "Foto anbei",
        attachments=(AttachmentInput("foto.png", PNG, "image/png"),),
    )


@pytest.fixture
def cast(city: City, django_capture_on_commit_callbacks: Any) -> Cast:
    # After commit: the search index is written then.
    with django_capture_on_commit_callbacks(execute=True):
        return _cast(city)


def _cast(city: City) -> Cast:
    dpo = User.objects.create_user("dsb", password="Test-Passwort-123")
    dpo.groups.add(Group.objects.get_or_create(name=DPO_GROUP)[0])
    gone = User.objects.create_user("gone", password="Test-Passwort-123", is_active=False)
    gone.memberships.create(org_unit=city.vollzugsdienst)
    tickets = {
        "parker": submit(city.falschparker, "Auto auf dem Radweg Zebrastreifen").ticket,
        "wohngeld": submit(city.wohngeld, "Wohngeld Antrag Zebrastreifen").ticket,
        "lamp_consulted": submit(city.laterne, "Laterne flackert Zebrastreifen").ticket,
        "parker_assigned_away": submit(city.falschparker, "Zweites Auto Zebrastreifen").ticket,
        "unsorted": create_ticket(
            NewTicket(text="Zebrastreifen irgendwas", channel=Channel.PHONE, service=None),
            Actor.citizen(),
        ).ticket,
    }
    tickets["unsorted_secret"] = create_ticket(
        NewTicket(text="Zebrastreifen geheim", channel=Channel.PHONE, service=None),
        Actor.citizen(),
    ).ticket
    # Routing may have placed them: make them unsorted, one of them under secrecy (as a
    # ticket of a sensitive service waiting for an office would be).
    for name, secret in (("unsorted", False), ("unsorted_secret", True)):
        Ticket.objects.filter(pk=tickets[name].pk).update(
            status=Status.TRIAGE, org_unit=None, service=None, is_sensitive=secret
        )
    request_consultation(
        tickets["lamp_consulted"], Actor.staff(city.admin), city.sozialamt, "Frage"
    )
    # A Sozialamt clerk working as assignee on a Vollzugsdienst ticket (set directly: the
    # action refuses assignees outside the office, the rule still has to cover old rows).
    Ticket.objects.filter(pk=tickets["parker_assigned_away"].pk).update(assignee=city.clerk_sozial)
    for ticket in tickets.values():
        _with_attachment(ticket)
    users = {
        u.username: u
        for u in (
            city.clerk_vollzug,
            city.clerk_ordnung,
            city.lead_ordnung,
            city.clerk_sozial,
            city.triage,
            city.admin,
            dpo,
            gone,
        )
    }
    return Cast(users, {name: Ticket.objects.get(pk=t.pk) for name, t in tickets.items()})


def _facts(ticket: Ticket) -> TicketFacts:
    return TicketFacts(
        org_unit_id=ticket.org_unit_id,
        assignee_id=ticket.assignee_id,
        status=ticket.status,
        is_sensitive=ticket.is_sensitive,
        consulted_unit_ids=frozenset(ticket.consultations.values_list("org_unit_id", flat=True)),
    )


def _seen(cast: Cast, shown: set[int]) -> set[str]:
    return {name for name, t in cast.tickets.items() if t.pk in shown}


def test_the_rule_gives_the_table(cast: Cast) -> None:
    for username, user in cast.users.items():
        who = reach(user)
        by_check = {n for n, t in cast.tickets.items() if who.sees(_facts(t))}
        by_query = _seen(cast, set(access.visible_tickets(user).values_list("pk", flat=True)))
        assert by_check == EXPECTED[username], username
        assert by_query == EXPECTED[username], username
        for name, ticket in cast.tickets.items():
            assert access.can_view(user, ticket) == (name in EXPECTED[username])
            assert access.can_work(user, ticket) == who.works(_facts(ticket)), (username, name)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_staff_page_agrees(cast: Cast) -> None:
    for username, user in cast.users.items():
        client = _client(user)
        inbox = client.get(reverse("workspace:inbox"), {"view": "all"}).content.decode()
        search = client.get(
            reverse("workspace:inbox"), {"view": "all", "q": "Zebrastreifen"}
        ).content.decode()
        for name, ticket in cast.tickets.items():
            allowed = name in EXPECTED[username]
            where = (username, name)
            page = client.get(reverse("workspace:ticket", args=[ticket.pk]))
            assert (page.status_code == 200) == allowed, where
            if page.status_code != 200:
                assert page.status_code in (302, 404), where
            attachment = ticket.messages.get(attachments__isnull=False).attachments.get()
            download = client.get(reverse("workspace:attachment", args=[attachment.pk]))
            assert (download.status_code == 200) == allowed, where
            if user.is_active:
                assert (ticket.reference in inbox) == allowed, where
                assert (ticket.reference in search) == allowed, where
                if allowed:
                    assert access.whereabouts(user, ticket.pk).may_open, where


def test_api_keys_see_the_tickets_of_their_offices(city: City, cast: Cast) -> None:
    """A key acts for offices, not for a person: it sees exactly those offices' tickets
    (sensitive ones of its own office included, no triage, no administrator reach)."""
    for office, expected in (
        (city.vollzugsdienst, {"parker", "parker_assigned_away"}),
        (city.ordnungsamt, {"parker", "parker_assigned_away"}),
        (city.sozialamt, {"wohngeld"}),
        (city.servicecenter, set()),
    ):
        secret = issue_token(f"key-{office.key}", [office]).secret
        answer = Client().get("/api/v1/tickets", HTTP_AUTHORIZATION=f"Bearer {secret}")
        assert answer.status_code == 200, answer.content
        refs = {item["reference"] for item in answer.json()["items"]}
        assert {n for n, t in cast.tickets.items() if t.reference in refs} == expected, office
        for name, ticket in cast.tickets.items():
            one = Client().get(
                f"/api/v1/tickets/{ticket.pk}", HTTP_AUTHORIZATION=f"Bearer {secret}"
            )
            assert (one.status_code == 200) == (name in expected), (office.key, name)


def test_reports_and_secret_rows_follow_the_same_rule(city: City, cast: Cast) -> None:
    users = cast.users
    assert report_units(users["admin"]) is None
    assert report_units(users["lead.ordnung"]) == frozenset(
        {city.ordnungsamt.pk, city.vollzugsdienst.pk}
    )
    assert report_units(users["clerk.vollzug"]) == frozenset()
    assert report_units(users["gone"]) == frozenset()
    wohngeld = cast.tickets["wohngeld"]
    rows = AuditEvent.objects.filter(ticket_id=wohngeld.pk)
    assert rows.exists() and all(r.sensitive for r in rows)
    for username, user in users.items():
        rule = clearance(user)
        who = reach(user)
        for row in rows:
            assert rule.allows_row(row) == who.sees_secret_rows_of(row.secrecy_unit_id)
        expected = username in {"clerk.sozial", "dsb"}
        assert rule.allows(True, wohngeld.org_unit_id) == expected, username
