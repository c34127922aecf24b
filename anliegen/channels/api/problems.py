"""Errors as ``application/problem+json`` (RFC 9457), in the caller's language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from anliegen.core.errors import (
    DomainError,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)

PROBLEM_JSON = "application/problem+json"


class Problem(Schema):
    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    errors: list[dict[str, Any]] = []


ERROR_STATUSES = (400, 401, 403, 404, 409, 413, 422, 429)


def problem(status: int, title: str, detail: str = "", **extra: Any) -> HttpResponse:
    body = Problem(title=title, status=status, detail=detail, **extra).model_dump_json()
    return HttpResponse(body, status=status, content_type=PROBLEM_JSON)


_DOMAIN_STATUS: dict[type[DomainError], int] = {
    NotFound: 404,
    PermissionDenied: 403,
    InvalidTransition: 409,
    ValidationFailed: 422,
}


def _title(status: int) -> str:
    titles = {
        400: _("Ungültige Anfrage"),
        401: _("Nicht angemeldet"),
        403: _("Nicht erlaubt"),
        404: _("Nicht gefunden"),
        409: _("Konflikt"),
        413: _("Anfrage zu groß"),
        422: _("Ungültige Angaben"),
        429: _("Zu viele Anfragen"),
    }
    return titles.get(status, _("Fehler"))


def _domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
    status = next((s for cls, s in _DOMAIN_STATUS.items() if isinstance(exc, cls)), 422)
    return problem(status, _title(status), str(exc.message))


def _validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"loc": [str(part) for part in e.get("loc", ())], "msg": str(e.get("msg", ""))}
        for e in exc.errors
    ]
    return problem(422, _title(422), _("Bitte prüfen Sie die markierten Angaben."), errors=errors)


def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
    status = exc.status_code
    if isinstance(exc, AuthenticationError):
        response = problem(401, _title(401), _("Bitte senden Sie einen gültigen API-Schlüssel."))
        response["WWW-Authenticate"] = "Bearer"
        return response
    if isinstance(exc, Throttled):
        response = problem(429, _title(429), _("Bitte warten Sie, bevor Sie weiter anfragen."))
        response["Retry-After"] = str(exc.wait or 60)
        return response
    # Ninja raises plain HttpErrors (e.g. for an unreadable body) with English text.
    return problem(status, _title(status), str(exc) if status != 400 else _("Unlesbare Anfrage."))


def _too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Django refuses bodies above DATA_UPLOAD_MAX_MEMORY_SIZE as a "suspicious operation",
    # which would otherwise become the site's HTML 400 page.
    return problem(
        413,
        _title(413),
        _("Die Anfrage ist zu groß (höchstens %(mb)d MB).")
        % {"mb": (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) // (1024 * 1024)},
    )


def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem(404, _title(404), _("Diese Adresse gibt es nicht."))


def install(api: NinjaAPI) -> None:
    api.add_exception_handler(DomainError, _domain)  # type: ignore[arg-type]
    api.add_exception_handler(ValidationError, _validation)  # type: ignore[arg-type]
    api.add_exception_handler(HttpError, _http)  # type: ignore[arg-type]
    api.add_exception_handler(Http404, _not_found)  # type: ignore[arg-type]
    api.add_exception_handler(RequestDataTooBig, _too_big)  # type: ignore[arg-type]


def errors(*statuses: int) -> dict[int, type[Problem]]:
    """The ``response=`` entries documenting these error statuses."""
    return dict.fromkeys(statuses, Problem)


def as_problem_media(schema: dict[str, Any]) -> dict[str, Any]:
    """Document error responses with the media type they are really sent with."""
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            for code, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if str(code).startswith(("4", "5")) and "application/json" in content:
                    content[PROBLEM_JSON] = content.pop("application/json")
    return schema
