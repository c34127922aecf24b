"""Reports benchmark: render time of the dashboard, the public page and the CSV export.

Run on any populated database (the dashboard reads pre-aggregated daily figures):
    DATABASE_URL=postgres://… .venv/bin/python bench/reports.py [--refresh-days N] [--repeat N]
--refresh-days rebuilds the figures of the last N days first (timed; 0 skips; use the
    number of days the data covers for a first fill, e.g. 1100 for three years).
--fill N adds N synthetic tickets spread over the last year first (for a small test database;
    the 1,000,000-ticket database comes from bench/generate.py).
Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anliegen.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from anliegen.catalog.models import Responsibility  # noqa: E402
from anliegen.core.refnum import format_reference  # noqa: E402
from anliegen.organization.models import User  # noqa: E402
from anliegen.reports.compute import refresh_days  # noqa: E402
from anliegen.reports.models import DailyFigure  # noqa: E402
from anliegen.tickets.models import Channel, Ticket  # noqa: E402
from anliegen.tickets.status import Status  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def fill(count: int) -> None:
    """Synthetic tickets with realistic timestamps (bulk insert, no timeline)."""
    rng = random.Random(42)
    pairs = list(Responsibility.objects.values_list("service_id", "org_unit_id"))
    if not pairs:
        raise SystemExit("no services with responsibilities: run manage.py seed_demo first")
    now = timezone.now()
    year = now.year
    start = Ticket.objects.filter(reference__startswith=f"{year}-").count() + 100_000
    batch = []
    for i in range(count):
        service_id, unit_id = rng.choice(pairs)
        created = now - timedelta(minutes=rng.randint(0, 365 * 24 * 60))
        responded = created + timedelta(hours=rng.expovariate(1 / 20))
        resolved = created + timedelta(hours=rng.expovariate(1 / 120))
        done = resolved < now and rng.random() < 0.85
        batch.append(
            Ticket(
                reference=format_reference(year, start + i),
                token_hash=f"bench-{year}-{start + i}",
                channel=rng.choice(Channel.values),
                status=Status.CLOSED if done else Status.IN_PROGRESS,
                subject="Benchmark",
                service_id=service_id,
                org_unit_id=unit_id,
                created_at=created,
                first_response_due=created + timedelta(hours=30),
                resolution_due=created + timedelta(days=14),
                first_responded_at=responded if responded < now else None,
                resolved_at=resolved if done else None,
                closed_at=resolved if done else None,
            )
        )
    Ticket.objects.bulk_create(batch, batch_size=2000)


def timed(client: Client, url: str, params: dict[str, str], repeat: int) -> dict[str, float]:
    client.get(url, params)  # warm caches, as a running server would be
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url, params)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--refresh-days", type=int, default=0)
    parser.add_argument("--fill", type=int, default=0)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    # Static URLs without a collectstatic manifest (the server's whitenoise has one).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    out: dict[str, Any] = {"database": connection.vendor}
    if args.fill:
        started = time.perf_counter()
        fill(args.fill)
        out["fill_seconds"] = round(time.perf_counter() - started, 2)
    today = timezone.localdate()
    if args.refresh_days:
        started = time.perf_counter()
        refresh_days(today - timedelta(days=args.refresh_days - 1), today)
        seconds = time.perf_counter() - started
        out["refresh_seconds"] = round(seconds, 2)
        out["refresh_ms_per_day"] = round(1000 * seconds / args.refresh_days, 1)
    out["tickets"] = Ticket.objects.count()
    out["daily_figure_rows"] = DailyFigure.objects.count()
    admin, _ = User.objects.get_or_create(
        username="bench.reports", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(admin)
    month = {"date_from": str(today - timedelta(days=29)), "date_to": str(today)}
    year = {"date_from": str(today - timedelta(days=364)), "date_to": str(today), "weekly": "on"}
    out["dashboard_30_days"] = timed(client, "/berichte/", month, args.repeat)
    out["dashboard_365_days_weekly"] = timed(client, "/berichte/", year, args.repeat)
    out["csv_365_days"] = timed(client, "/berichte/export.csv", year, max(3, args.repeat // 4))
    out["public_page"] = timed(Client(), "/berichte/zahlen/", {}, args.repeat)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
