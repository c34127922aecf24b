"""Public submission over HTTP through the production server (gunicorn, deploy config).

Run: python bench/submit.py --database-url URL [--seconds 30] [--clients 8] [--port 21310]

Each simulated citizen walks the real pages: form → review (the sum, the portal's spam check
without JavaScript) → confirmation with reference number and tracking link. Prints JSON:
accepted tickets per second, p50/p95 of the whole walk and the server's memory.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import server  # noqa: E402
from bench.http_session import Failed, Session, submit_concern  # noqa: E402
from bench.pages import percentiles  # noqa: E402

TEXTS = [
    "Die Straßenlaterne vor Hausnummer {n} ist seit Tagen dunkel.",
    "Ich möchte einen Termin für einen neuen Personalausweis, Antrag Nr. {n}.",
    "Im Park liegt Sperrmüll neben dem Spielplatz, etwa {n} Säcke.",
    "Ein Schlagloch in der Rizzastraße, ungefähr {n} cm tief.",
    "Frage zur Hundesteuer für meinen zweiten Hund, Kundennummer {n}.",
]


def warm_up(port: int, workers: int) -> int:
    """A few untimed walks so every web worker has loaded the routing model, as a running
    server has; returns how many tickets they created."""
    done = 0
    threads = []

    def walk() -> None:
        nonlocal done
        session = Session("127.0.0.1", port)
        try:
            for _ in range(3):
                submit_concern(session, "Warmlaufen: Laterne defekt.", "warm@example.org")
                done += 1
        finally:
            session.close()

    for _ in range(workers * 2):
        threads.append(threading.Thread(target=walk))
        threads[-1].start()
    for thread in threads:
        thread.join()
    return done


def run_clients(port: int, clients: int, seconds: float, limit: int) -> dict[str, Any]:
    stop_at = time.monotonic() + seconds
    lock = threading.Lock()
    accepted: list[str] = []
    walks: list[float] = []
    errors: list[str] = []

    def citizen(index: int) -> None:
        rng = random.Random(index)
        session = Session("127.0.0.1", port)
        try:
            while time.monotonic() < stop_at:
                with lock:
                    if len(accepted) + len(errors) >= limit:
                        return
                text = rng.choice(TEXTS).format(n=rng.randint(1, 999))
                try:
                    done = submit_concern(session, text, f"bench{index}@example.org")
                except (Failed, OSError) as error:
                    with lock:
                        errors.append(str(error))
                    continue
                with lock:
                    accepted.append(done.reference)
                    walks.append(done.seconds)
        finally:
            session.close()

    started = time.monotonic()
    threads = [threading.Thread(target=citizen, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {
        "accepted": len(accepted),
        "unique_references": len(set(accepted)),
        "errors": len(errors),
        "first_errors": errors[:5],
        "seconds": round(elapsed, 1),
        "tickets_per_second": round(len(accepted) / elapsed, 1),
        "walk": percentiles(walks) if walks else {},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--max-tickets", type=int, default=20_000)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=21310)
    args = parser.parse_args(argv)
    stack = server.start(args.database_url, args.port, web_workers=args.web_workers)
    try:
        warm_up(args.port, args.web_workers)
        result = run_clients(args.port, args.clients, args.seconds, args.max_tickets)
        result["server_rss_mb"] = stack.web_rss_mb()
    finally:
        stack.stop()
    vendor = "postgresql" if args.database_url.startswith("postgres") else "sqlite"
    print(
        json.dumps(
            {
                "benchmark": "submission_http",
                "database": vendor,
                "web_workers": args.web_workers,
                "clients": args.clients,
                **result,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
