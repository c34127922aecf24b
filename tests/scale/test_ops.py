"""Health endpoint and JSON log lines, as monitoring and log collectors see them."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.test import Client

from anliegen.ops.logs import JsonFormatter

REDIS = "redis://127.0.0.1:6379/6"


@pytest.mark.django_db
def test_healthz_checks_the_database(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "database_write": "ok"}}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_checks_redis_when_configured(client: Client, settings: Any) -> None:
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}
    }
    settings.TASK_BACKEND = "rq"
    settings.REDIS_URL = REDIS
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"] == {
        "database": "ok",
        "database_write": "ok",
        "cache": "ok",
        "tasks": "ok",
    }


@pytest.mark.django_db
def test_healthz_reports_an_unreachable_broker_without_details(
    client: Client, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.TASK_BACKEND = "rq"
    settings.REDIS_URL = "redis://:geheim@127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {"database": "ok", "database_write": "ok", "tasks": "error"},
    }
    assert "geheim" not in response.content.decode()
    assert "health check tasks failed" in caplog.text


def test_json_log_lines_mask_tracking_links() -> None:
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        ("/verfolgen/AbCdEfGhIjKlMnOpQrStUvWxYz012345/",),
        None,
    )
    record.status_code = 404
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "WARNING"
    assert line["logger"] == "django.request"
    assert line["message"] == "Not Found: /verfolgen/***/"
    assert line["status_code"] == 404
    assert "AbCdEf" not in json.dumps(line)


def test_client_address_from_trusted_proxy_only(settings: Any) -> None:
    from django.http import HttpRequest, HttpResponse
    from django.test import RequestFactory

    from anliegen.ops.proxy import TrustedProxyMiddleware

    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(request.META["REMOTE_ADDR"])
        return HttpResponse()

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    middleware = TrustedProxyMiddleware(view)
    factory = RequestFactory()
    for peer, header in [
        ("127.0.0.1", "203.0.113.7"),  # nginx on this machine: believed
        ("127.0.0.1", "1.2.3.4, 203.0.113.8"),  # client-sent entry first, nginx's last
        ("198.51.100.9", "203.0.113.9"),  # a client talking directly: ignored
        ("127.0.0.1", "kein-ip"),  # garbage: ignored
    ]:
        middleware(factory.get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=header))
    assert seen == ["203.0.113.7", "203.0.113.8", "198.51.100.9", "127.0.0.1"]
