"""``/healthz``: does this process reach what it needs? For load balancers and monitoring.

The answer names each check and says ok or error, nothing more: no versions, host names or
exception texts (those go to the log), so the endpoint can be public.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

log = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("unexpected answer")


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
    found: dict[str, Callable[[], None]] = {"database": check_database}
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
