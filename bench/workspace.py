"""The clerk's two most used pages, inbox and ticket page: queries, p50/p95 in-process and over
HTTP (gunicorn with the deployment's config and 2 sync workers), on a loaded database.

Run: python bench/workspace.py --database-url URL [--repeat N] [--no-http]   (prints JSON)

Load the data first (bench/generate.py --tickets 100000 --database-url URL). The users are
the three clerks with the most open assigned tickets (bench/pages.py); each opens their inbox
views "mine" and "office" and 20 random tickets they may see. In-process: Django's test
client through the whole stack without a network hop (the server's time). Over HTTP: the
same pages from gunicorn on loopback, signed in with a session made for each clerk.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.pages import _busiest_clerks, timed  # noqa: E402

INBOX_VIEWS = ("mine", "office")
TICKETS_PER_USER = 20


def _pages(users: list[Any]) -> dict[str, list[tuple[Any, str]]]:
    from anliegen.tickets import access

    base = "/arbeitsplatz/"
    inbox = [(u, f"{base}?view={view}") for u in users for view in INBOX_VIEWS]
    tickets = []
    for user in users:
        ids = access.visible_tickets(user).order_by("?").values_list("pk", flat=True)
        tickets += [(user, f"{base}anliegen/{pk}/") for pk in ids[:TICKETS_PER_USER]]
    return {"inbox": inbox, "ticket_page": tickets}


def in_process(pages: dict[str, list[tuple[Any, str]]], repeat: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients: dict[int, Client] = {}
    for user, _url in pages["inbox"]:
        if user.pk not in clients:
            clients[user.pk] = Client()
            clients[user.pk].force_login(user)
    rng = random.Random(16)
    results: dict[str, Any] = {}
    for name, urls in pages.items():
        most = 0
        for user, url in urls:  # every page, counting its queries once the process is warm
            clients[user.pk].get(url)  # (the first request also fills per-process caches)
            with CaptureQueriesContext(connection) as ctx:
                clients[user.pk].get(url)
            most = max(most, len(ctx))

        def fetch(urls: list[tuple[Any, str]] = urls) -> int:
            user, url = rng.choice(urls)
            return int(clients[user.pk].get(url).status_code)

        results[name] = {**timed(fetch, repeat), "max_queries": most}
    return results


def _session_cookie(user: Any) -> str:
    """A signed-in session for ``user``, as the sign-in page would leave it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "anliegen.privacy.backends.StaffBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return str(store.session_key)


def over_http(
    database_url: str, pages: dict[str, list[tuple[Any, str]]], repeat: int, port: int
) -> dict[str, Any]:
    from django.conf import settings

    from bench import server
    from bench.http_session import Session

    sessions: dict[int, Session] = {}
    stack = server.start(database_url, port, web_workers=2)
    try:
        for user, _url in pages["inbox"]:
            if user.pk not in sessions:
                sessions[user.pk] = Session("127.0.0.1", port)
                sessions[user.pk].cookies[settings.SESSION_COOKIE_NAME] = _session_cookie(user)
        rng = random.Random(16)
        results: dict[str, Any] = {}
        for name, urls in pages.items():

            def fetch(urls: list[tuple[Any, str]] = urls) -> int:
                user, url = rng.choice(urls)
                return sessions[user.pk].get(url).status

            results[name] = timed(fetch, repeat)
        results["web_rss_mb"] = stack.web_rss_mb()
        return results
    finally:
        for session in sessions.values():
            session.close()
        stack.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--port", type=int, default=8716)
    parser.add_argument("--no-http", action="store_true")
    args = parser.parse_args(argv)
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anliegen.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from anliegen.tickets.models import Ticket

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    users = _busiest_clerks(3)
    pages = _pages(users)
    report: dict[str, Any] = {
        "benchmark": "workspace",
        "database": connection.vendor,
        "tickets": Ticket.objects.count(),
        "users": [u.username for u in users],
        "in_process": in_process(pages, args.repeat),
    }
    if not args.no_http:
        report["http_gunicorn_2_workers"] = over_http(
            args.database_url, pages, args.repeat, args.port
        )
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
