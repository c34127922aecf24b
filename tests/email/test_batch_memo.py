"""A batch of mails reads mailboxes and policies once (core.memo.memo_scope); a change made
meanwhile is seen by the next batch, and outside a batch at once."""

from __future__ import annotations

import pytest

from anliegen.channels.email.addresses import identity_for, own_addresses
from anliegen.channels.email.models import Mailbox
from anliegen.core.memo import memo_scope
from anliegen.tickets.actions import NewTicket, create_ticket
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel
from tests.conftest import City

pytestmark = pytest.mark.django_db


def test_outside_a_batch_a_new_mailbox_counts_at_once(city: City) -> None:
    assert "amt32@koblenz.example" not in own_addresses()
    Mailbox.objects.create(name="Ordnungsamt", address="amt32@koblenz.example")
    assert "amt32@koblenz.example" in own_addresses()


def test_a_batch_keeps_its_lookups_and_the_next_batch_sees_changes(city: City) -> None:
    Mailbox.objects.create(name="Bürgerservice", address="buergerservice@koblenz.example")
    with memo_scope():
        assert "amt32@koblenz.example" not in own_addresses()
        Mailbox.objects.create(
            name="Ordnungsamt", address="amt32@koblenz.example", org_unit=city.ordnungsamt
        )
        with memo_scope():  # nested (a request running a batch): the outer memory
            assert "amt32@koblenz.example" not in own_addresses()
    with memo_scope():
        assert "amt32@koblenz.example" in own_addresses()


def test_an_office_below_one_with_a_mailbox_sends_from_it(city: City) -> None:
    Mailbox.objects.create(name="Bürgerservice", address="buergerservice@koblenz.example")
    Mailbox.objects.create(
        name="Ordnungsamt", address="amt32@koblenz.example", org_unit=city.ordnungsamt
    )
    ticket = create_ticket(
        NewTicket(
            text="Falschparker vor der Einfahrt", channel=Channel.WEB, service=city.falschparker
        ),
        Actor.citizen(),
    ).ticket
    # The parking service belongs to the enforcement service below the Ordnungsamt.
    assert ticket.org_unit == city.vollzugsdienst
    with memo_scope():
        assert identity_for(ticket).address == "amt32@koblenz.example"
    assert identity_for(None).address == "buergerservice@koblenz.example"
