"""Load test: citizens submit and track, staff work their inboxes, for a bounded time.

Run: python bench/loadtest.py --database-url URL [--minutes 5] [--port 21320]

Starts the production processes on loopback: gunicorn with two web workers, two RQ workers,
Redis (task queue /6, shared cache /7). Clients walk the real pages:
- citizens: form → review (the sum) → confirmation; later the tracking link and a reply;
- staff (demo accounts): sign in, inbox views, open tickets, write an internal note, now and
  then forward a ticket to another office (a routing correction, which queues a retraining
  job for the workers).
Bounded by --minutes and --max-tickets. Afterwards it compares what the clients were told was
accepted with the database: every accepted ticket exists, and the new tickets and messages
match the accepted counts exactly. Prints JSON; exit status 1 on any error or mismatch.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import server  # noqa: E402
from bench.http_session import (  # noqa: E402
    Failed,
    Session,
    expect,
    sign_in,
    submit_concern,
    track_and_reply,
)
from bench.pages import percentiles  # noqa: E402
from bench.submit import TEXTS  # noqa: E402

TASK_REDIS = "redis://127.0.0.1:6379/6"
CACHE_REDIS = "redis://127.0.0.1:6379/7"
STAFF = ["f.schroeder", "t.zimmermann", "h.krueger", "clerk.ordnung", "i.walter", "triage"]


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    references: list[str] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    messages: int = 0  # accepted messages besides each ticket's first
    staff_pages: int = 0
    forwards: int = 0
    errors: list[str] = field(default_factory=list)
    timings: dict[str, list[float]] = field(default_factory=dict)

    def time(self, name: str, seconds: float) -> None:
        with self.lock:
            self.timings.setdefault(name, []).append(seconds)

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


def citizen(port: int, seed: int, tally: Tally, stop_at: float, max_tickets: int) -> None:
    rng = random.Random(seed)
    session = Session("127.0.0.1", port)
    try:
        while time.monotonic() < stop_at:
            with tally.lock:
                room = len(tally.references) < max_tickets
                old = rng.choice(tally.tokens) if tally.tokens and rng.random() < 0.3 else ""
            try:
                if old:
                    started = time.perf_counter()
                    track_and_reply(Session("127.0.0.1", port), old, "Gibt es etwas Neues?")
                    tally.time("citizen_track_reply", time.perf_counter() - started)
                    with tally.lock:
                        tally.messages += 1
                elif room:
                    text = rng.choice(TEXTS).format(n=rng.randint(1, 999))
                    done = submit_concern(session, text, f"last{seed}@example.org")
                    tally.time("citizen_submit_walk", done.seconds)
                    with tally.lock:
                        tally.references.append(done.reference)
                        tally.tokens.append(done.token)
                else:
                    time.sleep(0.5)
            except (Failed, OSError) as error:
                tally.error(f"citizen: {error}")
            time.sleep(rng.uniform(0.0, 0.5))
    finally:
        session.close()


def clerk(port: int, username: str, password: str, tally: Tally, stop_at: float) -> None:
    import re

    rng = random.Random(username)
    session = Session("127.0.0.1", port)
    try:
        sign_in(session, username, password)
    except (Failed, OSError) as error:
        tally.error(f"staff sign-in {username}: {error}")
        return
    while time.monotonic() < stop_at:
        try:
            view = rng.choice(["mine", "office", "all", "overdue"])
            started = time.perf_counter()
            page = expect(session.get(f"/arbeitsplatz/?view={view}"), 200, "inbox")
            tally.time("staff_inbox", time.perf_counter() - started)
            ids = re.findall(r'href="/arbeitsplatz/anliegen/(\d+)/"', page.body)
            if ids:
                pk = rng.choice(ids)
                started = time.perf_counter()
                ticket = expect(session.get(f"/arbeitsplatz/anliegen/{pk}/"), 200, "ticket page")
                tally.time("staff_ticket_page", time.perf_counter() - started)
                units = _forward_units(ticket.body)
                if units and rng.random() < 0.05:
                    moved = session.post(
                        f"/arbeitsplatz/anliegen/{pk}/forward/",
                        {"org_unit": rng.choice(units), "service": "", "reason": "Lasttest"},
                    )
                    expect(moved, 302, "forward")
                    with tally.lock:
                        tally.forwards += 1
                elif rng.random() < 0.3:
                    note = session.post(
                        f"/arbeitsplatz/anliegen/{pk}/note/", {"body": "Vermerk aus dem Lasttest."}
                    )
                    expect(note, 302, "note")
                    with tally.lock:
                        tally.messages += 1
            with tally.lock:
                tally.staff_pages += 1
        except (Failed, OSError) as error:
            tally.error(f"staff {username}: {error}")
        time.sleep(rng.uniform(0.5, 2.0))
    session.close()


def _forward_units(html: str) -> list[str]:
    """The office choices of the ticket page's forwarding form."""
    import re

    start = html.find('action="/arbeitsplatz/anliegen/')
    form = html.find("/forward/", start)
    select = html.find('name="org_unit"', form)
    end = html.find("</select>", select)
    if min(form, select, end) < 0:
        return []
    return re.findall(r'<option value="(\d+)"', html[select:end])


def snapshot() -> tuple[int, int]:
    from anliegen.tickets.models import Message, Ticket

    return (
        int(Ticket.objects.order_by("-pk").values_list("pk", flat=True).first() or 0),
        int(Message.objects.order_by("-pk").values_list("pk", flat=True).first() or 0),
    )


def reconcile(tally: Tally, before: tuple[int, int]) -> dict[str, Any]:
    """What the clients were told against what the database holds."""
    from anliegen.tickets.models import Message, Ticket

    new_tickets = Ticket.objects.filter(pk__gt=before[0])
    stored = set(new_tickets.values_list("reference", flat=True))
    accepted = set(tally.references)
    new_messages = Message.objects.filter(pk__gt=before[1]).count()
    expected_messages = len(tally.references) + tally.messages
    return {
        "tickets_accepted": len(accepted),
        "tickets_stored": len(stored),
        "tickets_lost": len(accepted - stored),
        "tickets_unexpected": len(stored - accepted),
        "messages_expected": expected_messages,
        "messages_stored": new_messages,
    }


def queue_state() -> dict[str, int]:
    from redis import Redis
    from rq import Queue
    from rq.registry import FailedJobRegistry, StartedJobRegistry

    redis = Redis.from_url(TASK_REDIS)
    try:
        return {
            "queued": Queue("default", connection=redis).count,
            "running": StartedJobRegistry("default", connection=redis).count,
            "failed": FailedJobRegistry("default", connection=redis).count,
        }
    finally:
        redis.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--citizens", type=int, default=6)
    parser.add_argument("--staff", type=int, default=4)
    parser.add_argument("--max-tickets", type=int, default=20_000)
    parser.add_argument("--port", type=int, default=21320)
    args = parser.parse_args(argv)
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anliegen.settings")
    import django

    django.setup()
    from redis import Redis

    from anliegen.demo.catalogue import DEMO_PASSWORD

    for url in (TASK_REDIS, CACHE_REDIS):
        Redis.from_url(url).flushdb()
    env = {"TASK_BACKEND": "rq", "REDIS_URL": TASK_REDIS, "CACHE_URL": CACHE_REDIS}
    stack = server.start(args.database_url, args.port, web_workers=2, rq_workers=2, extra_env=env)
    tally = Tally()
    try:
        before = snapshot()
        started = time.monotonic()
        stop_at = started + args.minutes * 60
        threads = [
            threading.Thread(target=citizen, args=(args.port, i, tally, stop_at, args.max_tickets))
            for i in range(args.citizens)
        ]
        threads += [
            threading.Thread(target=clerk, args=(args.port, name, DEMO_PASSWORD, tally, stop_at))
            for name in STAFF[: args.staff]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        # The workers finish what was queued (bounded: retraining takes seconds, not minutes).
        deadline, idle = time.monotonic() + 180, 0
        while time.monotonic() < deadline and idle < 3:
            state = queue_state()
            idle = idle + 1 if not state["queued"] and not state["running"] else 0
            time.sleep(1)
        rss = stack.web_rss_mb()
    finally:
        stack.stop()
    result = reconcile(tally, before)
    ok = (
        not tally.errors
        and result["tickets_lost"] == 0
        and result["tickets_unexpected"] == 0
        and result["messages_expected"] == result["messages_stored"]
        and queue_state()["failed"] == 0
    )
    print(
        json.dumps(
            {
                "benchmark": "loadtest",
                "database": "postgresql" if args.database_url.startswith("postgres") else "sqlite",
                "ok": ok,
                "minutes": round(elapsed / 60, 2),
                "web_workers": 2,
                "rq_workers": 2,
                "citizens": args.citizens,
                "staff": args.staff,
                **result,
                "staff_pages": tally.staff_pages,
                "forwards": tally.forwards,
                "errors": len(tally.errors),
                "first_errors": tally.errors[:5],
                "jobs": queue_state(),
                "latency": {k: percentiles(v) for k, v in tally.timings.items()},
                "server_rss_mb": rss,
            }
        )
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
