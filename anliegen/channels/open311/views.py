"""GeoReport v2 endpoints (http://wiki.open311.org/GeoReport_v2), JSON and XML."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from anliegen.channels.api.tokens import authenticate, over_rate_limit
from anliegen.core.errors import DomainError
from anliegen.core.text import normalise_line
from anliegen.defects import streets
from anliegen.tickets.actions import NewTicket, create_ticket
from anliegen.tickets.models import Channel
from anliegen.tickets.status import OPEN_STATUSES

from . import data
from .render import error, respond

MAX_IDS = 50
MAX_ROWS = 1000  # the spec's default limit on GET requests


def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = settings.SITE_URL + reverse("open311:discovery", args=["json"]).rsplit("/", 1)[0]
    return respond(
        fmt,
        "discovery",
        "",
        {
            "changeset": "2026-01-01T00:00:00+01:00",
            "contact": settings.IMPRINT_EMAIL,
            "key_service": _("API-Schlüssel erhalten Sie von der Stadtverwaltung."),
            "endpoints": [
                {
                    "specification": "http://wiki.open311.org/GeoReport_v2",
                    "url": base,
                    "changeset": "2026-01-01T00:00:00+01:00",
                    "type": "production",
                    "formats": ["text/xml", "application/json"],
                }
            ],
        },
    )


def services(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = [data.service_row(s) for s in data.open311_services()]
    return respond(fmt, "services", "service", rows)


def service_definition(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    service = data.open311_services().filter(key=code).first()
    if service is None:
        return error(fmt, 404, _("Diese Leistung gibt es nicht: %(code)s") % {"code": code})
    return respond(fmt, "service_definition", "", data.definition(service))


@csrf_exempt
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        request.POST  # noqa: B018  # parse now, to answer an oversized body in our format
    except RequestDataTooBig:
        return error(fmt, 413, _("Die Anfrage ist zu groß."))
    if request.method == "POST":
        return _create(request, fmt)
    if request.method != "GET":
        return error(fmt, 405, _("Nur GET und POST."))
    return _search(request, fmt)


def one_request(request: HttpRequest, request_id: str, fmt: str) -> HttpResponse:
    request_id = normalise_line(request_id)
    ticket = data.public_requests().filter(reference=request_id.upper()).first()
    if ticket is None:
        return error(fmt, 404, _("Diese Meldung gibt es nicht: %(id)s") % {"id": request_id})
    return respond(fmt, "service_requests", "request", [data.request_row(ticket)])


def _date(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


def _search(request: HttpRequest, fmt: str) -> HttpResponse:
    qs = data.public_requests()
    # Filters see the same text the actions store: NUL and other controls dropped.
    params = {name: normalise_line(str(value)) for name, value in request.GET.items()}
    if ids := params.get("service_request_id", "").strip():
        wanted = [i.strip().upper() for i in ids.split(",") if i.strip()][:MAX_IDS]
        qs = qs.filter(reference__in=wanted)
    if codes := params.get("service_code", "").strip():
        qs = qs.filter(service__key__in=[c.strip() for c in codes.split(",")][:MAX_IDS])
    for name, lookup in (("start_date", "created_at__gte"), ("end_date", "created_at__lte")):
        if raw := params.get(name, "").strip():
            when = _date(raw)
            if when is None:
                return error(
                    fmt,
                    400,
                    _("%(name)s muss ein Datum nach W3C/ISO 8601 mit Zeitzone sein.")
                    % {"name": name},
                )
            qs = qs.filter(**{lookup: when})
    status = params.get("status", "").strip()
    if status:
        wanted_status = {s.strip() for s in status.split(",")}
        if not wanted_status <= {"open", "closed"}:
            return error(fmt, 400, _("status ist open oder closed."))
        if wanted_status == {"open"}:
            qs = qs.filter(status__in=list(OPEN_STATUSES))
        elif wanted_status == {"closed"}:
            qs = qs.exclude(status__in=list(OPEN_STATUSES))
    names = streets.names()
    rows = [data.request_row(t, names) for t in qs.order_by("-created_at")[:MAX_ROWS]]
    return respond(fmt, "service_requests", "request", rows)


def _coordinate(raw: str, limit: int) -> Decimal | None:
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None
    if not value.is_finite() or abs(value) > limit:
        return None
    return value.quantize(Decimal("0.000001"))


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    form = request.POST
    client = authenticate(form.get("api_key", ""))
    if client is None or not client.can_write:
        return error(fmt, 403, _("Ungültiger oder fehlender api_key."))
    wait = over_rate_limit(client.token)
    if wait is not None:
        return error(fmt, 429, _("Zu viele Anfragen. Bitte warten Sie."))
    service = data.open311_services().filter(key=form.get("service_code", "")).first()
    if service is None:
        return error(fmt, 400, _("service_code fehlt oder ist unbekannt."))
    lat, lon = form.get("lat", "").strip(), form.get("long", "").strip()
    address = form.get("address_string", "").strip()
    latitude = _coordinate(lat, 90) if lat else None
    longitude = _coordinate(lon, 180) if lon else None
    if (lat and latitude is None) or (lon and longitude is None):
        return error(fmt, 400, _("lat und long müssen Dezimalgrad sein."))
    if (latitude is None or longitude is None) and not address:
        return error(fmt, 400, _("Bitte geben Sie lat/long oder address_string an."))
    email = form.get("email", "").strip()
    if email and (len(email) > 254 or not _valid_email(email)):
        # Also refuses line breaks: "x\r\nBcc: …" must never reach a mail header.
        return error(fmt, 400, _("email ist keine gültige E-Mail-Adresse."))
    attributes = _attributes(form, service.form_fields)
    name = " ".join(p for p in (form.get("first_name", ""), form.get("last_name", "")) if p)
    try:
        created = create_ticket(
            NewTicket(
                text=form.get("description", "").strip() or str(service),
                channel=Channel.OPEN311,
                service=service,
                contact_name=name.strip()[:200],
                contact_email=email,
                contact_phone=form.get("phone", "").strip()[:50],
                location_text=address[:300],
                latitude=latitude,
                longitude=longitude,
                form_data=attributes,
                # GeoReport v2 has no language field; a reporting app sends its user's language
                # in the header, and the citizen's mails should follow it.
                contact_language=request.headers.get("Accept-Language", ""),
            ),
            client.actor,
        )
    except DomainError as exc:
        return error(fmt, 400, str(exc.message))
    row = {"service_request_id": created.ticket.reference, "service_notice": "", "account_id": ""}
    return respond(fmt, "service_requests", "request", [row], status=201)


def _valid_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def _attributes(form: Any, fields: list[dict[str, Any]]) -> dict[str, str]:
    """``attribute[code]=value`` for the service's own fields; anything else is ignored."""
    known = {f["name"] for f in fields}
    return {
        code: form.get(f"attribute[{code}]", "").strip()
        for code in known
        if form.get(f"attribute[{code}]", "").strip()
    }
