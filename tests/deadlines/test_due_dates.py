"""Due dates in business time: weekends, Rheinland-Pfalz holidays, office hours, pauses."""

from __future__ import annotations

from datetime import datetime, time

import time_machine

from anliegen.core.business_time import BERLIN
from anliegen.organization.models import OfficeHoursRule
from anliegen.tickets.actions import add_message, change_status
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Message, Ticket
from anliegen.tickets.status import Status
from tests.conftest import City, submit


def at(day: str, clock: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=BERLIN)


def created(city: City, when: datetime, *, resolution_days: int = 2) -> Ticket:
    city.laterne.sla_first_response_hours = 16
    city.laterne.sla_resolution_days = resolution_days
    city.laterne.save()
    with time_machine.travel(when, tick=False):
        return submit(city.laterne).ticket


def test_weekend_is_skipped(city: City) -> None:
    ticket = created(city, at("2026-03-06", "15:00"))  # Friday afternoon
    # 1 h on Friday, 8 h on Monday, 7 h on Tuesday.
    assert ticket.first_response_due == at("2026-03-10", "15:00")
    # Two working days: Monday and Tuesday, due at the end of Tuesday's office hours.
    assert ticket.resolution_due == at("2026-03-10", "16:00")


def test_easter_holidays_are_skipped(city: City) -> None:
    ticket = created(city, at("2026-04-02", "14:00"))  # Thursday before Good Friday
    # 2 h Thursday; Good Friday, weekend and Easter Monday closed; 8 h Tuesday, 6 h Wednesday.
    assert ticket.first_response_due == at("2026-04-08", "14:00")
    assert ticket.resolution_due == at("2026-04-08", "16:00")


def test_corpus_christi_is_a_holiday_in_rhineland_palatinate(city: City) -> None:
    ticket = created(city, at("2026-06-03", "16:00"), resolution_days=1)  # Wed before
    assert ticket.resolution_due == at("2026-06-05", "16:00")


def test_office_hours_of_the_office_and_inherited_by_its_units(city: City) -> None:
    for weekday in range(4):  # Monday to Thursday, 7 to 12
        OfficeHoursRule.objects.create(
            org_unit=city.ordnungsamt, weekday=weekday, opens=time(7), closes=time(12)
        )
    city.falschparker.sla_first_response_hours = 16
    city.falschparker.sla_resolution_days = 1
    city.falschparker.save()
    with time_machine.travel(at("2026-03-05", "11:00"), tick=False):  # Thursday
        ticket = submit(city.falschparker).ticket
    assert ticket.org_unit == city.vollzugsdienst  # no hours of its own: the parent's apply
    # 1 h Thursday, Friday closed, 5 h Monday, 5 h Tuesday, 5 h Wednesday.
    assert ticket.first_response_due == at("2026-03-11", "12:00")
    assert ticket.resolution_due == at("2026-03-09", "12:00")


def test_clock_pauses_while_waiting_for_the_citizen(city: City) -> None:
    ticket = created(city, at("2026-03-02", "09:00"), resolution_days=3)  # Monday
    assert ticket.first_response_due == at("2026-03-04", "09:00")  # 7 h + 8 h + 1 h
    assert ticket.resolution_due == at("2026-03-05", "16:00")
    staff = Actor.staff(city.admin)
    with time_machine.travel(at("2026-03-02", "10:00"), tick=False):
        change_status(ticket, staff, Status.WAITING_CITIZEN, note="Bitte Foto schicken")
    ticket.refresh_from_db()
    assert ticket.clock_paused_at == at("2026-03-02", "10:00")
    with time_machine.travel(at("2026-03-03", "10:00"), tick=False):
        add_message(ticket, Actor.citizen(), Message.Kind.CITIZEN, "Foto anbei.")
    ticket.refresh_from_db()
    # Paused Monday 10–16 and Tuesday 8–10: 8 office hours; both due dates move by them.
    assert ticket.status == Status.IN_PROGRESS
    assert ticket.clock_paused_at is None
    assert ticket.first_response_due == at("2026-03-05", "09:00")
    assert ticket.resolution_due == at("2026-03-06", "16:00")


def test_pause_after_first_response_moves_only_resolution(city: City) -> None:
    ticket = created(city, at("2026-03-02", "09:00"), resolution_days=3)
    staff = Actor.staff(city.admin)
    with time_machine.travel(at("2026-03-02", "11:00"), tick=False):
        add_message(ticket, staff, Message.Kind.PUBLIC_REPLY, "Wir kümmern uns.")
        change_status(ticket, staff, Status.IN_PROGRESS)
        change_status(ticket, staff, Status.WAITING_CITIZEN)
    ticket.refresh_from_db()
    assert ticket.first_responded_at == at("2026-03-02", "11:00")
    first_due = ticket.first_response_due
    # Paused over the weekend: Friday 14–16 counts, Saturday and Sunday do not.
    with time_machine.travel(at("2026-03-06", "14:00"), tick=False):
        change_status(ticket, staff, Status.IN_PROGRESS)
    with time_machine.travel(at("2026-03-09", "08:00"), tick=False):
        change_status(ticket, staff, Status.WAITING_CITIZEN)
    with time_machine.travel(at("2026-03-09", "09:00"), tick=False):
        change_status(ticket, staff, Status.IN_PROGRESS)
    ticket.refresh_from_db()
    assert ticket.first_response_due == first_due
    # First pause Mon 11:00 → Fri 14:00 = 5+8+8+8+6 = 35 h; second pause 1 h: 36 h in all.
    # Thursday 5th 16:00 + 36 office hours: Fri, Mon, Tue, Wed (32 h), Thursday 12th 12:00.
    assert ticket.resolution_due == at("2026-03-12", "12:00")
