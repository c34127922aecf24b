"""Escalation: assignee, then office lead, then overdue — each step once, in order."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client

from anliegen.core.events import DomainEvent, _handlers, subscribe
from anliegen.tickets.actions import assign_ticket, change_status
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import EventKind, Ticket
from anliegen.tickets.status import Status
from anliegen.tickets.tasks import check_deadlines
from tests.conftest import City, submit

from .test_due_dates import at


@pytest.fixture
def published() -> Iterator[list[DomainEvent]]:
    seen: list[DomainEvent] = []
    subscribe("ticket.escalated", seen.append)
    yield seen
    _handlers["ticket.escalated"].remove(seen.append)


def run_check(when: datetime, capture: Callable[..., Any]) -> int:
    with time_machine.travel(when, tick=False), capture(execute=True):
        return check_deadlines.call()


def steps(ticket: Ticket) -> list[tuple[str, list[int]]]:
    return [
        (e.data["step"], e.data["recipient_ids"])
        for e in ticket.events.filter(kind=EventKind.ESCALATED).order_by("pk")
    ]


@pytest.fixture
def ticket(city: City) -> Ticket:
    city.falschparker.sla_first_response_hours = 8
    city.falschparker.sla_resolution_days = 3
    city.falschparker.save()
    with time_machine.travel(at("2026-03-02", "09:00"), tick=False):  # Monday
        ticket = submit(city.falschparker).ticket
        assign_ticket(ticket, Actor.staff(city.lead_ordnung), city.clerk_vollzug)
    assert ticket.first_response_due == at("2026-03-03", "09:00")
    assert ticket.resolution_due == at("2026-03-05", "16:00")
    return ticket


def test_each_step_fires_once_in_order(
    city: City,
    ticket: Ticket,
    published: list[DomainEvent],
    django_capture_on_commit_callbacks: Callable[..., Any],
    client: Client,
) -> None:
    capture = django_capture_on_commit_callbacks
    assert run_check(at("2026-03-03", "08:59"), capture) == 0
    # First response due and none given: the assignee is reminded, once.
    assert run_check(at("2026-03-03", "09:00"), capture) == 1
    assert run_check(at("2026-03-04", "12:00"), capture) == 0
    assert steps(ticket) == [("assignee", [city.clerk_vollzug.pk])]
    # Resolution due passed: the lead of the office above the unit is told, once.
    assert run_check(at("2026-03-05", "16:00"), capture) == 1
    assert run_check(at("2026-03-05", "18:00"), capture) == 0
    assert steps(ticket)[-1] == ("lead", [city.lead_ordnung.pk])
    # Still open a working day later: marked overdue, once; nothing after that.
    assert run_check(at("2026-03-06", "15:59"), capture) == 0
    assert run_check(at("2026-03-06", "16:00"), capture) == 1
    assert run_check(at("2026-03-20", "16:00"), capture) == 0
    assert [s for s, _ in steps(ticket)] == ["assignee", "lead", "overdue"]
    ticket.refresh_from_db()
    assert ticket.escalation_level == 3
    assert [(e.kind, e.ticket_id, e.data["step"]) for e in published] == [
        ("ticket.escalated", ticket.pk, "assignee"),
        ("ticket.escalated", ticket.pk, "lead"),
        ("ticket.escalated", ticket.pk, "overdue"),
    ]
    assert published[1].data["recipient_ids"] == [city.lead_ordnung.pk]
    # The lead finds it in the overdue view of the workspace.
    client.force_login(city.lead_ordnung)
    with time_machine.travel(at("2026-03-09", "09:00"), tick=False):
        page = client.get("/arbeitsplatz/", {"view": "overdue"})
    assert ticket.reference in page.content.decode()


def test_late_check_fires_all_due_steps_in_order_once(
    city: City, ticket: Ticket, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    assert run_check(at("2026-03-10", "10:00"), django_capture_on_commit_callbacks) == 3
    assert run_check(at("2026-03-10", "10:15"), django_capture_on_commit_callbacks) == 0
    assert [s for s, _ in steps(ticket)] == ["assignee", "lead", "overdue"]


def test_answered_ticket_reminds_on_the_morning_of_the_due_day(
    city: City, ticket: Ticket, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    from anliegen.tickets.actions import add_message
    from anliegen.tickets.models import Message

    with time_machine.travel(at("2026-03-02", "10:00"), tick=False):
        add_message(ticket, Actor.staff(city.clerk_vollzug), Message.Kind.PUBLIC_REPLY, "Danke.")
    assert run_check(at("2026-03-05", "07:59"), django_capture_on_commit_callbacks) == 0
    assert run_check(at("2026-03-05", "08:00"), django_capture_on_commit_callbacks) == 1
    assert steps(ticket) == [("assignee", [city.clerk_vollzug.pk])]


def test_paused_and_finished_tickets_are_not_escalated(
    city: City, ticket: Ticket, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    staff = Actor.staff(city.clerk_vollzug)
    with time_machine.travel(at("2026-03-02", "10:00"), tick=False):
        change_status(ticket, staff, Status.IN_PROGRESS)
        change_status(ticket, staff, Status.WAITING_CITIZEN)
    assert run_check(at("2026-03-10", "10:00"), django_capture_on_commit_callbacks) == 0
    with time_machine.travel(at("2026-03-10", "10:00"), tick=False):
        change_status(ticket, staff, Status.RESOLVED)
    assert run_check(at("2026-03-20", "10:00"), django_capture_on_commit_callbacks) == 0
    assert steps(ticket) == []


def test_unassigned_ticket_reminds_the_office_queue(
    city: City, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    with time_machine.travel(at("2026-03-02", "09:00"), tick=False):
        ticket = submit(city.laterne).ticket
    assert run_check(at("2026-03-20", "10:00"), django_capture_on_commit_callbacks) == 3
    assert steps(ticket)[0] == ("assignee", [])  # nobody is a member of the Tiefbauamt
    assert steps(ticket)[1] == ("lead", [])
