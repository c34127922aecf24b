"""Queries per received mail (issue 22, throughput): a new concern and a reply, counted.

The bounds are today's counts: a change that adds queries to the hot path of every inbound
mail fails here and has to say why. Counted with the after-commit work (receipt, search row,
webhooks) since that runs in the fetching process too.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anliegen.channels.email.ingest import ingest_message
from anliegen.channels.email.models import InboundMail, Mailbox
from anliegen.core.memo import memo_scope
from anliegen.tickets import access
from anliegen.tickets.search import search
from tests.conftest import City

pytestmark = pytest.mark.django_db(transaction=True)

# Before issue 22's cuts: 55 and 27 on SQLite, 47 and 23 on PostgreSQL. SQLite refreshes its
# FTS5 row itself (two statements per text change); PostgreSQL's triggers do that.
NEW_TICKET = {"sqlite": 33, "postgresql": 31}
REPLY = {"sqlite": 20, "postgresql": 18}


def _mail(index: int, *, reply_to: int | None = None) -> bytes:
    reply = f"In-Reply-To: <count{reply_to}@example.org>\r\n" if reply_to is not None else ""
    more = "Nachtrag: der Mast ist umgeknickt.\r\n" if reply_to is not None else ""
    return (
        f"From: Bürgerin {index} <buergerin{index}@example.org>\r\n"
        "To: buergerservice@koblenz.example\r\n"
        f"Subject: Straßenlaterne {index}\r\nMessage-ID: <count{index}@example.org>\r\n{reply}"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Die Straßenlaterne vor Haus {index} ist seit Tagen aus.\r\n{more}"
    ).encode()


def _queries(raw: bytes, mailbox: Mailbox) -> tuple[int, InboundMail]:
    with CaptureQueriesContext(connection) as ctx:
        inbound = ingest_message(raw, mailbox)
    return len(ctx), inbound


def test_queries_per_new_ticket_and_per_reply(city: City) -> None:
    mailbox = Mailbox.objects.create(name="Bürgerservice", address="buergerservice@koblenz.example")
    # As the fetcher runs them: one memo scope per batch of mails (ingest.BATCH).
    with memo_scope():
        _queries(_mail(0), mailbox)  # warms per-process caches and the batch's lookups
        new, first = _queries(_mail(1), mailbox)
        reply, answer = _queries(_mail(2, reply_to=1), mailbox)
    assert first.state == answer.state == InboundMail.State.PROCESSED
    assert answer.ticket_id == first.ticket_id and answer.threaded_by == "references"
    # Counted with everything a mail brings about: the receipt went out, threaded to the
    # citizen's mail, and the reply is found by the search.
    receipts = [m for m in mail.outbox if "buergerin1@example.org" in m.to]
    assert len(receipts) == 1
    assert receipts[0].extra_headers["In-Reply-To"] == "<count1@example.org>"
    found = search(access.visible_tickets(city.triage), "umgeknickt")
    assert list(found.values_list("pk", flat=True)) == [first.ticket_id]
    assert new <= NEW_TICKET[connection.vendor], new
    assert reply <= REPLY[connection.vendor], reply
