"""A small seeded history whose figures are computed by hand in the tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
import time_machine

from anliegen.portal.models import DeflectionCount
from anliegen.reports.tasks import refresh_recent_figures
from anliegen.tickets.actions import (
    NewTicket,
    add_message,
    change_status,
    create_ticket,
    record_effort,
    route_ticket,
)
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel, EventKind, Message, Ticket, TicketEvent
from anliegen.tickets.status import Status
from tests.conftest import City, submit
from tests.deadlines.test_due_dates import at


@dataclass
class Seeded:
    t1: Ticket
    t2: Ticket
    t3: Ticket
    t4: Ticket


def _auto_routed(ticket: Ticket) -> None:
    # History as the routing engine leaves it; this test city has no trained model.
    TicketEvent.objects.create(
        ticket=ticket, kind=EventKind.ROUTED, data={"method": "auto"}, created_at=ticket.created_at
    )


def _reply(ticket: Ticket, actor: Actor, when: str, day: str) -> None:
    with time_machine.travel(at(day, when), tick=False):
        add_message(ticket, actor, Message.Kind.PUBLIC_REPLY, "Wir kümmern uns.")


@pytest.fixture
def seeded(city: City) -> Seeded:
    admin = Actor.staff(city.admin)
    with time_machine.travel(at("2026-03-02", "09:00"), tick=False):
        t1 = submit(city.laterne).ticket
    with time_machine.travel(at("2026-03-02", "10:00"), tick=False):
        t2 = submit(city.falschparker).ticket
    with time_machine.travel(at("2026-03-02", "12:00"), tick=False):
        t3 = create_ticket(
            NewTicket(
                text="Auto parkt im Halteverbot", channel=Channel.PHONE, service=city.falschparker
            ),
            admin,
        ).ticket
    with time_machine.travel(at("2026-03-03", "09:00"), tick=False):
        t4 = create_ticket(
            NewTicket(text="Laterne flackert", channel=Channel.EMAIL, service=city.laterne), admin
        ).ticket
    _auto_routed(t1)
    _auto_routed(t2)
    _reply(t1, admin, "11:00", "2026-03-02")  # 2 h
    _reply(t2, admin, "10:30", "2026-03-02")  # 0.5 h
    _reply(t3, admin, "13:00", "2026-03-04")  # 49 h: due Wed 12:00, late
    with time_machine.travel(at("2026-03-02", "11:30"), tick=False):
        record_effort(t1, admin, 20)
        record_effort(t2, admin, 15, note="Halter ermittelt")
    with time_machine.travel(at("2026-03-03", "08:30"), tick=False):
        record_effort(t1, admin, 10)
    with time_machine.travel(at("2026-03-03", "09:00"), tick=False):
        change_status(t1, admin, Status.RESOLVED)  # 24 h
    with time_machine.travel(at("2026-03-03", "15:00"), tick=False):
        change_status(t4, admin, Status.RESOLVED)  # 6 h
        route_ticket(t2, admin, org_unit=city.ordnungsamt, reason="Innendienst")
    DeflectionCount.objects.create(
        date=date(2026, 3, 2), service=city.laterne, channel="online", count=2
    )
    DeflectionCount.objects.create(
        date=date(2026, 3, 3), service=city.falschparker, channel="appointment", count=1
    )
    with time_machine.travel(at("2026-03-04", "20:00"), tick=False):
        refresh_recent_figures.call()
    return Seeded(t1, t2, t3, t4)
