"""The daily staff digest: open and overdue counts per person and for the offices they lead."""

from __future__ import annotations

import pytest
import time_machine
from django.core import mail

from anliegen.reports.tasks import send_staff_digest
from anliegen.tickets.actions import assign_ticket
from anliegen.tickets.actors import Actor
from tests.conftest import City, submit
from tests.deadlines.test_due_dates import at


@pytest.mark.django_db
def test_digest_counts_open_and_overdue(city: City) -> None:
    for user in (city.clerk_vollzug, city.lead_ordnung, city.clerk_sozial):
        user.email = f"{user.username}@koblenz.example"
        user.save()
    with time_machine.travel(at("2026-03-02", "09:00"), tick=False):
        old = submit(city.falschparker).ticket
        assign_ticket(old, Actor.staff(city.lead_ordnung), city.clerk_vollzug)
    with time_machine.travel(at("2026-03-20", "09:00"), tick=False):
        submit(city.falschparker)
        assert send_staff_digest.call() == 2
    by_address = {m.to[0]: m.body for m in mail.outbox}
    assert set(by_address) == {"clerk.vollzug@koblenz.example", "lead.ordnung@koblenz.example"}
    assert (
        "Ihnen zugewiesen: 1 offen, davon 1 überfällig."
        in by_address["clerk.vollzug@koblenz.example"]
    )
    assert (
        "In Ihren Stellen: 2 offen, davon 1 überfällig."
        in by_address["lead.ordnung@koblenz.example"]
    )
