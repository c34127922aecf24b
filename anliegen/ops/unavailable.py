"""A request that waited in vain for the database (a lock held longer than the busy or lock
timeout, a lost connection) answers a 503 page in the portal's style instead of a 500, and
well before gunicorn's timeout would drop it without any answer (SQLITE_BUSY_TIMEOUT,
DB_LOCK_TIMEOUT: 20 s, gunicorn: 30 s)."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error

from .dbstate import is_unavailable

log = logging.getLogger("anliegen.ops.unavailable")
RETRY_AFTER_SECONDS = 30


# Machine clients of these prefixes read RFC 9457 problems, not the portal's HTML page.
PROBLEM_PREFIXES = ("/api/", "/open311/")


def _problem() -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": _("Vorübergehend nicht erreichbar"),
        "status": 503,
        "detail": _(
            "Die Datenbank ist gerade ausgelastet. Nichts wurde gespeichert; bitte "
            "wiederholen Sie die Anfrage nach der in Retry-After genannten Zeit."
        ),
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=503, content_type="application/problem+json"
    )


def unavailable_page(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(PROBLEM_PREFIXES):
        response = _problem()
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    try:
        response = render(request, "503.html", status=503)
    except Exception:  # the page itself may need the database (session, user)
        response = HttpResponse(
            "<!doctype html><html lang=de><title>Vorübergehend nicht erreichbar</title>"
            "<h1>Vorübergehend nicht erreichbar</h1><p>Bitte versuchen Sie es in einer "
            "Minute noch einmal. Ihre Eingaben wurden nicht gespeichert.</p></html>",
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not is_unavailable(exc):
            return None
        log.warning("database unavailable for %s %s: %s", request.method, request.path, exc)
        return unavailable_page(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the same 503 for a database error raised outside the view (middleware)."""
    exc = sys.exc_info()[1]
    if exc is not None and is_unavailable(exc):
        log.warning("database unavailable for %s %s: %s", request.method, request.path, exc)
        return unavailable_page(request)
    return django_server_error(request)
