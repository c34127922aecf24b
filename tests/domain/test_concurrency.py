"""Reference numbers stay unique when many channels create tickets at the same moment."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from anliegen.tickets.models import Ticket
from tests.conftest import City, submit

THREADS = 8
PER_THREAD = 5


@pytest.mark.django_db(transaction=True)
def test_parallel_creation_gives_unique_references(city: City) -> None:
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def worker() -> None:
        try:
            barrier.wait()
            for _ in range(PER_THREAD):
                submit(city.falschparker)
        except BaseException as exc:  # collected and reported by the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    references = list(Ticket.objects.values_list("reference", flat=True))
    assert len(references) == THREADS * PER_THREAD
    assert len(set(references)) == len(references)
    print(f"{connection.vendor}: {len(references)} tickets from {THREADS} threads, all unique")
