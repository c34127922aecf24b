"""create_ticket with a submission key: one concern is one ticket, however often it arrives."""

from __future__ import annotations

import pytest

from anliegen.tickets.access import ticket_for_token
from anliegen.tickets.actions import find_submission, reissue_tracking_link
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel, Message, Ticket, TicketEvent
from tests.concurrency import at_once
from tests.conftest import City, submit

KEY = "Yq3vQkF1m0xZ8p2L7cR5tN9wB4hJ6sD0eA1uG3iK5oM"


def test_repeated_submission_returns_the_first_ticket_and_its_link(city: City) -> None:
    first = submit(city.falschparker, submission_key=KEY)
    again = submit(city.falschparker, text="Noch einmal dasselbe.", submission_key=KEY)
    assert first.created and not again.created
    assert again.ticket.pk == first.ticket.pk
    assert again.token == first.token
    assert ticket_for_token(again.token) == first.ticket
    assert Ticket.objects.count() == 1
    assert Message.objects.count() == 1
    assert TicketEvent.objects.filter(ticket=first.ticket).count() == 2  # created, routed


def test_the_key_itself_is_not_stored_and_other_keys_make_new_tickets(city: City) -> None:
    first = submit(city.falschparker, submission_key=KEY)
    other = submit(city.falschparker, submission_key=KEY[::-1])
    plain = [submit(city.falschparker), submit(city.falschparker)]
    assert other.created and other.ticket.pk != first.ticket.pk
    assert all(p.created for p in plain)
    assert Ticket.objects.count() == 4
    assert KEY not in first.ticket.submission_key_hash
    # A key is only good in its own channel.
    assert find_submission(Channel.API, KEY) is None
    assert find_submission(Channel.WEB, KEY) is not None


def test_after_a_reissued_link_a_repeat_shows_the_current_link(city: City) -> None:
    first = submit(city.falschparker, submission_key=KEY)
    fresh = reissue_tracking_link(first.ticket, Actor.citizen())
    again = submit(city.falschparker, submission_key=KEY)
    assert again.ticket.pk == first.ticket.pk
    assert again.token == fresh != first.token
    assert ticket_for_token(again.token) == first.ticket


@pytest.mark.django_db(transaction=True)
def test_eight_concurrent_submissions_of_one_key_make_one_ticket(city: City) -> None:
    def one_submission() -> tuple[int, str, bool]:
        done = submit(city.falschparker, submission_key=KEY)
        return done.ticket.pk, done.token, done.created

    results = at_once(one_submission, 8)
    assert Ticket.objects.count() == 1
    assert len({(pk, token) for pk, token, _created in results}) == 1
    assert sum(created for _pk, _token, created in results) == 1
