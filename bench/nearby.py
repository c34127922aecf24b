"""„Schon gemeldet?“ benchmark: time of ``defects.nearby.find`` on a large database.

    DATABASE_URL=postgres://… .venv/bin/python bench/nearby.py [--queries N] [--radius M]

Run on a database from ``bench/generate.py`` (tickets, messages, timeline). The generator
gives tickets no point, so first every ticket without one gets a point spread evenly over
the city's area (the worst case for the bounding box: all tickets have points, not only
defect reports). ``--fill N`` then tops the tickets up to N by copying the generated ones in
SQL (new reference, token hash, random point, earlier dates; no messages or events, which
the look-up never reads) — 1,000,000 tickets in minutes instead of the generator's quarter
hour, on a busy machine. Then N look-ups at random points of the city, half with a street of
the city's list (the same-street rule widens the box to 300 m), for a random defect service —
the call the review step makes. Prints JSON: ticket counts, p50/p95/p99/max in ms, the
median number of reports found, and the query plan of one look-up.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anliegen.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from anliegen.catalog.models import Service  # noqa: E402
from anliegen.defects import nearby, public, streets  # noqa: E402
from anliegen.defects.models import Street  # noqa: E402
from anliegen.tickets.models import Ticket  # noqa: E402
from anliegen.tickets.status import OPEN_STATUSES  # noqa: E402

# The demo city (Koblenz) roughly: 50.31–50.40 N, 7.52–7.66 E.
SOUTH, NORTH, WEST, EAST = 50.31, 50.40, 7.52, 7.66


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def give_points(seed: int) -> float:
    """Every ticket without a point gets one in the city's area; returns seconds."""
    started = time.monotonic()
    table = Ticket._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
        # Rounded to 6 places like the form's points. random() differs by engine; both spread
        # evenly over the box, which is what the benchmark needs.
        rand = "random()" if connection.vendor == "postgresql" else "(abs(random()) / 9.3e18)"
        cursor.execute(
            f"UPDATE {table} SET latitude = round(CAST(%s + {rand} * %s AS numeric), 6), "
            f"longitude = round(CAST(%s + {rand} * %s AS numeric), 6) WHERE latitude IS NULL",
            [SOUTH, NORTH - SOUTH, WEST, EAST - WEST],
        )
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {table}")
    return time.monotonic() - started


def fill(total: int) -> float:
    """Copy the existing tickets (PostgreSQL) until there are ``total``; returns seconds."""
    started = time.monotonic()
    have = Ticket.objects.count()
    if have >= total or connection.vendor != "postgresql":
        return 0.0
    table = Ticket._meta.db_table
    overrides = {
        # 'B' and 13 digits: unique, within the 16 characters of a reference.
        "reference": "'B' || lpad((g * 1000000 + t.id)::text, 13, '0')",
        "token_hash": "md5(random()::text) || md5(random()::text)",
        "token_nonce": "''",
        "submission_key_hash": "''",
        "latitude": f"round(CAST({SOUTH} + random() * {NORTH - SOUTH} AS numeric), 6)",
        "longitude": f"round(CAST({WEST} + random() * {EAST - WEST} AS numeric), 6)",
        "created_at": "t.created_at - g * interval '1 hour'",
        "updated_at": "t.updated_at - g * interval '1 hour'",
    }
    columns = [str(f.column) for f in Ticket._meta.concrete_fields if not f.primary_key]
    select = ", ".join(overrides.get(c, f"t.{c}") for c in columns)
    rounds = -(-(total - have) // have)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"SELECT {select} FROM {table} t CROSS JOIN generate_series(1, %s) g "
            "ORDER BY g, t.id LIMIT %s",
            [rounds, total - have],
        )
        cursor.execute(f"ANALYZE {table}")
    return time.monotonic() - started


def plan(lat: float, lon: float, service: Service) -> list[str]:
    query = (
        public.published()
        .filter(
            nearby._services(service),
            status__in=OPEN_STATUSES,
            **nearby._box(lat, lon, nearby.SAME_STREET_METRES),
        )
        .order_by("-created_at")[:200]
    )
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        prefix = (
            "EXPLAIN (ANALYZE, BUFFERS) "
            if connection.vendor == "postgresql"
            else "EXPLAIN QUERY PLAN "
        )
        cursor.execute(prefix + sql, params)
        return [" ".join(str(c) for c in row) for row in cursor.fetchall()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--radius", type=float, default=None, help="default NEARBY_RADIUS_METRES")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--fill", type=int, default=0, help="copy tickets up to this many")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    points_seconds = give_points(args.seed)
    fill_seconds = fill(args.fill)
    services = list(Service.objects.filter(kind=Service.Kind.DEFECT))
    if not services:
        raise SystemExit("no defect service in this database (load the demo catalogue)")
    if not Street.objects.exists():
        streets.load_demo()
    names = streets.names()
    for _ in range(20):  # warm up connections and caches
        nearby.find(50.356, 7.592, service=services[0])
    times, found = [], []
    for i in range(args.queries):
        lat = Decimal(str(round(rng.uniform(SOUTH, NORTH), 6)))
        lon = Decimal(str(round(rng.uniform(WEST, EAST), 6)))
        street = rng.choice(names) if i % 2 else ""
        started = time.perf_counter()
        rows = nearby.find(
            lat, lon, service=rng.choice(services), street=street, radius=args.radius
        )
        times.append((time.perf_counter() - started) * 1000)
        found.append(len(rows))
    result: dict[str, Any] = {
        "benchmark": "nearby",
        "database": connection.vendor,
        "tickets": Ticket.objects.count(),
        "tickets_with_point": Ticket.objects.filter(latitude__isnull=False).count(),
        "defect_reports_open": public.published()
        .filter(status__in=OPEN_STATUSES, latitude__isnull=False)
        .count(),
        "queries": args.queries,
        "seconds_giving_points": round(points_seconds, 1),
        "seconds_filling": round(fill_seconds, 1),
        "ms": {
            "p50": round(statistics.median(times), 2),
            "p95": round(percentile(times, 0.95), 2),
            "p99": round(percentile(times, 0.99), 2),
            "max": round(max(times), 2),
        },
        "found_median": statistics.median(found),
        "found_max": max(found),
        "plan": plan(50.356, 7.592, services[0]),
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
