"""Every pair of statuses: allowed transitions succeed, all others are refused clearly."""

from __future__ import annotations

import itertools

import pytest

from anliegen.core.errors import InvalidTransition
from anliegen.tickets.actions import change_status
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import EventKind, Ticket
from anliegen.tickets.status import TRANSITIONS, Status, can_transition
from tests.conftest import City, submit

PAIRS = [(a, b) for a, b in itertools.product(Status, Status) if a != b]


@pytest.mark.parametrize(("source", "target"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_transition(city: City, source: Status, target: Status) -> None:
    ticket = submit(city.falschparker).ticket
    Ticket.objects.filter(pk=ticket.pk).update(status=source)  # arrange the starting state
    actor = Actor.staff(city.clerk_vollzug)
    if target in TRANSITIONS[source]:
        changed = change_status(ticket, actor, target)
        assert changed.status == target
        event = changed.events.filter(kind=EventKind.STATUS_CHANGED).get()
        assert event.data["old"] == source.value and event.data["new"] == target.value
    else:
        with pytest.raises(InvalidTransition) as refused:
            change_status(ticket, actor, target)
        assert str(Status(source).label) in str(refused.value)
        assert Ticket.objects.get(pk=ticket.pk).status == source


def test_every_status_can_be_left_and_reached() -> None:
    for status in Status:
        assert TRANSITIONS[status], status
        assert any(can_transition(other, status) for other in Status if other != status), status
