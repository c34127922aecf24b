"""Reference numbers stay unique when many channels create tickets at the same moment."""

from __future__ import annotations

import pytest
from django.db import connection

from anliegen.tickets.models import Ticket
from tests.concurrency import at_once
from tests.conftest import City, submit

THREADS = 8
PER_THREAD = 5


@pytest.mark.django_db(transaction=True)
def test_parallel_creation_gives_unique_references(city: City) -> None:
    def five_tickets() -> None:
        for _ in range(PER_THREAD):
            submit(city.falschparker)

    at_once(five_tickets, THREADS)
    references = list(Ticket.objects.values_list("reference", flat=True))
    assert len(references) == THREADS * PER_THREAD
    assert len(set(references)) == len(references)
    print(f"{connection.vendor}: {len(references)} tickets from {THREADS} threads, all unique")
