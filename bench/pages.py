"""Staff page latency on a loaded database: inbox views, full-text search, ticket page.

Run: python bench/pages.py --database-url URL [--repeat N]   (prints JSON)

Requests go through the whole Django stack (middleware, session, templates) with the test
client and a signed-in staff session, in this one process, without a network hop: the figure
is what the server spends per page. The staff are the demo city's: the clerks of the offices
with the most tickets, the triage desk, and their "all visible" lists.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEARCH_TERMS = [
    "Laterne",
    "Sperrmüll",
    "Personalausweis",
    "Wohngeld",
    "Schlagloch",
    "Hauptstraße 12",
    "Kowalski",
    "Hundesteuer",
    "Baum umgestürzt",
    "Kita Platz",
]


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)

    def at(share: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 1)

    return {
        "n": len(values),
        "p50_ms": at(0.5),
        "p95_ms": at(0.95),
        "max_ms": round(ordered[-1] * 1000, 1),
        "mean_ms": round(statistics.fmean(values) * 1000, 1),
    }


def timed(fetch: Callable[[], int], repeat: int) -> dict[str, float]:
    fetch()  # warm caches once, as a running server would be
    values = []
    for _ in range(repeat):
        started = time.perf_counter()
        status = fetch()
        values.append(time.perf_counter() - started)
        if status != 200:
            raise SystemExit(f"unexpected HTTP status {status}")
    return percentiles(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--label", default="")
    args = parser.parse_args(argv)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anliegen.settings")
    import django

    django.setup()
    print(json.dumps(run(args.repeat, args.label)))
    return 0


def _busiest_clerks(limit: int) -> list[Any]:
    from django.db.models import Count

    from anliegen.organization.models import User
    from anliegen.tickets.models import Ticket
    from anliegen.tickets.status import OPEN_STATUSES

    top = (
        Ticket.objects.filter(assignee__isnull=False, status__in=list(OPEN_STATUSES))
        .values("assignee_id")
        .annotate(n=Count("pk"))
        .order_by("-n")[:limit]
    )
    return [User.objects.get(pk=row["assignee_id"]) for row in top]


def run(repeat: int, label: str = "") -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from anliegen.organization.models import User
    from anliegen.tickets import access
    from anliegen.tickets.models import Ticket

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    rng = random.Random(7)
    clerks = _busiest_clerks(3)
    triage = User.objects.filter(username="triage").first()
    users = clerks + ([triage] if triage else [])
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append((user, client))

    def page(client: Client, url: str) -> Callable[[], int]:
        return lambda: client.get(url).status_code

    def rotating(urls: list[tuple[Client, str]]) -> Callable[[], int]:
        return lambda: rotate(rng.choice(urls))

    def rotate(item: tuple[Client, str]) -> int:
        return int(item[0].get(item[1]).status_code)

    base = "/arbeitsplatz/"
    results: dict[str, Any] = {}
    for view in ("mine", "office", "overdue", "all"):
        urls = [(c, f"{base}?view={view}") for _, c in clients]
        results[f"inbox_{view}"] = timed(rotating(urls), repeat)
    # The second page follows the keyset cursor of the first, as the "weiter" link does.
    next_pages = []
    for _, client in clients:
        html = client.get(f"{base}?view=all").content.decode()
        found = re.search(r'href="\?([^"]*nach=[^"]+)"', html)
        if found:
            next_pages.append((client, f"{base}?{found.group(1).replace('&amp;', '&')}"))
    if next_pages:
        results["inbox_all_next_page"] = timed(rotating(next_pages), repeat)
    searches = [(c, f"{base}?view=all&q={term}") for _, c in clients for term in SEARCH_TERMS]
    results["search"] = timed(rotating(searches), repeat * 2)
    sample_ids: list[tuple[Client, str]] = []
    for user, client in clients:
        ids = list(access.visible_tickets(user).order_by("?").values_list("pk", flat=True)[:20])
        sample_ids += [(client, f"{base}anliegen/{pk}/") for pk in ids]
    results["ticket_page"] = timed(rotating(sample_ids), repeat * 2)
    return {
        "benchmark": "pages",
        "label": label,
        "database": connection.vendor,
        "tickets": Ticket.objects.count(),
        "users": [u.username for u in users],
        "results": results,
        "client_and_server_max_rss_mb": round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        ),
    }


if __name__ == "__main__":
    sys.exit(main())
