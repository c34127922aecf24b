"""Queries per received mail (issue 22, throughput): a new concern and a reply, counted.

The bounds are today's counts: a change that adds queries to the hot path of every inbound
mail fails here and has to say why. Counted with the after-commit work (receipt, search row,
webhooks) since that runs in the fetching process too.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anliegen.channels.email.ingest import ingest_message
from anliegen.channels.email.models import InboundMail, Mailbox
from tests.conftest import City

pytestmark = pytest.mark.django_db(transaction=True)

# SQLite refreshes its FTS5 row per event; PostgreSQL has triggers for that.
NEW_TICKET = {"sqlite": 55, "postgresql": 47}
REPLY = {"sqlite": 27, "postgresql": 23}


def _mail(index: int, *, reply_to: int | None = None) -> bytes:
    reply = f"In-Reply-To: <count{reply_to}@example.org>\r\n" if reply_to is not None else ""
    return (
        f"From: Bürgerin {index} <buergerin{index}@example.org>\r\n"
        "To: buergerservice@koblenz.example\r\n"
        f"Subject: Straßenlaterne {index}\r\nMessage-ID: <count{index}@example.org>\r\n{reply}"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Die Straßenlaterne vor Haus {index} ist seit Tagen aus.\r\n"
    ).encode()


def _queries(raw: bytes, mailbox: Mailbox) -> tuple[int, InboundMail]:
    with CaptureQueriesContext(connection) as ctx:
        inbound = ingest_message(raw, mailbox)
    return len(ctx), inbound


def test_queries_per_new_ticket_and_per_reply(city: City) -> None:
    mailbox = Mailbox.objects.create(name="Bürgerservice", address="buergerservice@koblenz.example")
    _queries(_mail(0), mailbox)  # warms per-process caches (routing model, settings)
    new, first = _queries(_mail(1), mailbox)
    reply, answer = _queries(_mail(2, reply_to=1), mailbox)
    assert first.state == answer.state == InboundMail.State.PROCESSED
    assert answer.ticket_id == first.ticket_id and answer.threaded_by == "references"
    assert new <= NEW_TICKET[connection.vendor], new
    assert reply <= REPLY[connection.vendor], reply
