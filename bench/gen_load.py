"""Bulk loading of generated tickets: PostgreSQL COPY, SQLite executemany (needs Django set up).

Secondary indexes are dropped for the load and rebuilt afterwards, which is several times
faster than maintaining them row by row; unique constraints stay, so a clash still fails.
"""

from __future__ import annotations

import csv
import random
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.core.management import call_command
from django.db import connection, models, transaction

from anliegen.catalog.models import District, Responsibility, Service
from anliegen.demo.catalogue import load_catalogue
from anliegen.demo.tickets import LABELLED
from anliegen.organization.models import Membership
from anliegen.routing.models import RoutingModelVersion
from anliegen.routing.training import train_and_activate
from anliegen.tickets.models import Message, ReferenceCounter, Ticket, TicketEvent
from bench.gen_rows import Batch, Catalogue, Counters, Generator, Row, creation_times

TABLES: list[tuple[type[models.Model], str]] = [
    (Ticket, "tickets"),
    (Message, "messages"),
    (TicketEvent, "events"),
]
FTS_REBUILD = (
    "INSERT INTO tickets_ticket_fts (rowid, ticket_id, reference, subject, body, contact) "
    "SELECT t.id, t.id, t.reference, t.subject, "
    "coalesce((SELECT group_concat(m.body, char(10)) FROM tickets_message m "
    "WHERE m.ticket_id = t.id), ''), "
    "t.contact_name || ' ' || t.contact_email || ' ' || t.contact_phone "
    "FROM tickets_ticket t"
)
# COPY runs with triggers off (replica role), so the search documents are filled in one pass.
PG_DOCUMENTS = (
    "UPDATE tickets_ticket t SET search_document = tickets_search_document(t.id, t.reference, "
    "t.subject, t.contact_name, t.contact_email, t.contact_phone)"
)


def catalogue() -> Catalogue:
    """The demo city as the generator needs it (loaded first if missing), with a trained
    routing model as ``seed_demo`` leaves it."""
    load_catalogue()
    if not RoutingModelVersion.objects.filter(is_active=True).exists():
        train_and_activate()
    leads = {
        r.service_id: r.org_unit_id
        for r in Responsibility.objects.current().filter(role=Responsibility.Role.LEAD)
    }
    services = [
        (
            s.pk,
            s.key,
            leads.get(s.pk),
            s.sla_first_response_hours,
            s.sla_resolution_days,
            s.is_sensitive,
        )
        for s in Service.objects.filter(is_active=True).order_by("pk")
    ]
    members: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for unit_id, user_id, username in Membership.objects.values_list(
        "org_unit_id", "user_id", "user__username"
    ):
        members[unit_id].append((user_id, username))
    texts: dict[str, list[str]] = defaultdict(list)
    if LABELLED.exists():
        with LABELLED.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                texts[row["service"]].append(row["text"])
    fallback = [f"Ich habe ein Anliegen zu {s[1].replace('-', ' ')}." for s in services]
    districts = list(District.objects.values_list("pk", flat=True))
    return Catalogue(services, dict(members), districts, dict(texts), fallback)


def _columns(model: type[models.Model]) -> tuple[list[str], dict[str, Any]]:
    """All columns of a table and a default for those the generator does not fill (columns
    added by later features keep their model default)."""
    fields = list(model._meta.concrete_fields)
    defaults: dict[str, Any] = {}
    for f in fields:
        value = f.get_default() if f.has_default() else None
        defaults[str(f.column)] = "{}" if isinstance(f, models.JSONField) and value == {} else value
    return [str(f.column) for f in fields], defaults


def _max_id(model: type[models.Model]) -> int:
    value = model._default_manager.aggregate(m=models.Max("pk"))["m"]
    return int(value or 0)


class Writer:
    def __init__(self) -> None:
        self.layout = {name: _columns(model) for model, name in TABLES}
        self.tables = {name: model._meta.db_table for model, name in TABLES}
        self.vendor = connection.vendor
        self.dropped: list[str] = []

    def rows(self, name: str, rows: list[Row]) -> list[tuple[Any, ...]]:
        columns, defaults = self.layout[name]
        if self.vendor == "sqlite":
            return [
                tuple(_sqlite(r[c]) if c in r else _sqlite(defaults[c]) for c in columns)
                for r in rows
            ]
        return [tuple(r[c] if c in r else defaults[c] for c in columns) for r in rows]

    def drop_indexes(self) -> None:
        with connection.cursor() as cur:
            for table in self.tables.values():
                for name, sql in _secondary_indexes(cur, table):
                    self.dropped.append(sql)
                    cur.execute(f'DROP INDEX "{name}"')

    def rebuild_indexes(self) -> None:
        with connection.cursor() as cur:
            later = [sql for sql in self.dropped if "search_document" in sql]
            if self.vendor == "postgresql":
                cur.execute("SET maintenance_work_mem = '1GB'")
                cur.execute("SET max_parallel_maintenance_workers = 2")
            # The documents read each ticket's messages: the message index must exist first,
            # or every ticket scans the whole message table. The document's own index is
            # built once the documents are there.
            for sql in self.dropped:
                if sql not in later:
                    cur.execute(sql)
            if self.vendor == "postgresql":
                cur.execute(PG_DOCUMENTS)
                cur.execute("VACUUM tickets_ticket")
            for sql in later:
                cur.execute(sql)
            if self.vendor == "sqlite":
                cur.execute("DELETE FROM tickets_ticket_fts")
                cur.execute(FTS_REBUILD)

    def write(self, batch: Batch) -> None:
        parts = [("tickets", batch.tickets), ("messages", batch.messages), ("events", batch.events)]
        with transaction.atomic(), connection.cursor() as cur:
            for name, rows in parts:
                columns = self.layout[name][0]
                table = self.tables[name]
                values = self.rows(name, rows)
                if self.vendor == "postgresql":
                    # FK triggers off for the load: rows are consistent by construction.
                    cur.execute("SET LOCAL session_replication_role = replica")
                    with cur.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
                        for value in values:
                            cp.write_row(value)
                else:
                    marks = ", ".join(["%s"] * len(columns))
                    cur.executemany(
                        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                        values,
                    )

    def finish(self, counters: Counters) -> None:
        for year, last in counters.references.items():
            ReferenceCounter.objects.update_or_create(year=year, defaults={"last_number": last})
        with connection.cursor() as cur:
            for table in self.tables.values():
                if self.vendor == "postgresql":
                    cur.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                cur.execute(f"ANALYZE {table}")


def _sqlite(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(" ")
    if isinstance(value, bool):
        return int(value)
    return value


def _secondary_indexes(cur: Any, table: str) -> list[tuple[str, str]]:
    """Indexes that are neither the primary key nor behind a unique constraint."""
    if connection.vendor == "postgresql":
        cur.execute(
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid "
            "WHERE t.relname = %s AND NOT x.indisprimary AND NOT x.indisunique",
            [table],
        )
        return [(r[0], r[1]) for r in cur.fetchall()]
    cur.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
        "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%%'",
        [table],
    )
    return [(r[0], r[1]) for r in cur.fetchall()]


def _timed(timings: dict[str, float], name: str, step: Callable[[], None]) -> None:
    started = time.monotonic()
    step()
    timings[name] = round(time.monotonic() - started, 1)


def _migrate() -> None:
    call_command("migrate", verbosity=0)
    # The portal's spam check and rate limits use the database cache (as bin/setup does).
    call_command("createcachetable", verbosity=0)


def load(count: int, *, days: int, seed: int, batch: int, now: datetime) -> dict[str, Any]:
    """Generate and load ``count`` tickets; returns counts and timings."""
    timings: dict[str, float] = {}
    _timed(timings, "migrate", _migrate)
    cat = catalogue()
    counters = Counters(_max_id(Ticket), _max_id(Message), _max_id(TicketEvent))
    counters.references = dict(ReferenceCounter.objects.values_list("year", "last_number"))
    writer = Writer()
    _timed(timings, "drop_indexes", writer.drop_indexes)
    started = time.monotonic()
    times = creation_times(count, now, days, random.Random(seed))
    generator = Generator(cat, counters, now, seed)
    messages = events = 0
    for part in generator.batches(times, batch):
        writer.write(part)
        messages += len(part.messages)
        events += len(part.events)
    timings["load"] = round(time.monotonic() - started, 1)
    _timed(timings, "rebuild_indexes", writer.rebuild_indexes)
    _timed(timings, "finish", lambda: writer.finish(counters))
    return {
        "database": connection.vendor,
        "tickets": count,
        "messages": messages,
        "events": events,
        "tickets_in_db": Ticket.objects.count(),
        "seconds": timings,
    }
