"""``/healthz``: does this process reach what it needs? For load balancers and monitoring.

The answer names each check and says ok or error, nothing more: no versions, host names or
exception texts (those go to the log), so the endpoint can be public.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .models import HealthProbe

log = logging.getLogger(__name__)


WRITE_WAIT_SECONDS = 2


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("unexpected answer")


def check_database_write() -> None:
    """A real write in a transaction, waiting at most WRITE_WAIT_SECONDS for the lock: a
    database that answers reads but takes no writes (a held SQLite write lock, a read-only
    PostgreSQL standby, a full disk) is not healthy."""
    with _short_lock_wait(), transaction.atomic():
        HealthProbe.objects.update_or_create(pk=1, defaults={"written_at": timezone.now()})


@contextmanager
def _short_lock_wait() -> Iterator[None]:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {WRITE_WAIT_SECONDS * 1000}")
        try:
            yield
        finally:
            timeout = float(connection.settings_dict["OPTIONS"].get("timeout", 5))
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = %s", [f"{WRITE_WAIT_SECONDS}s"])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET lock_timeout")
        return
    yield


def check_cache() -> None:
    key = f"healthz:{secrets.token_hex(8)}"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not keep a value")
    cache.delete(key)


def check_task_broker() -> None:
    from redis import Redis

    client = Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    finally:
        client.close()


def checks() -> dict[str, Callable[[], None]]:
    """The checks that apply to this deployment: Redis only where it is configured."""
    found: dict[str, Callable[[], None]] = {
        "database": check_database,
        "database_write": check_database_write,
    }
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        found["cache"] = check_cache
    if settings.TASK_BACKEND == "rq":
        found["tasks"] = check_task_broker
    return found


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    results: dict[str, str] = {}
    for name, check in checks().items():
        try:
            check()
            results[name] = "ok"
        except Exception:  # any failure is "not healthy"; the reason goes to the log
            log.exception("health check %s failed", name)
            results[name] = "error"
    healthy = all(v == "ok" for v in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": results}, status=200 if healthy else 503
    )
