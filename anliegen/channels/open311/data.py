"""Catalogue and tickets as GeoReport v2 rows. Public text only: never contact data, never
the citizen's own text, never internal notes; only defect reports (public infrastructure)
are listed to everybody."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from anliegen.catalog.models import Service
from anliegen.tickets import access
from anliegen.tickets.models import Ticket
from anliegen.tickets.status import open311_status

DATATYPES = {
    "text": "string",
    "textarea": "text",
    "number": "number",
    "date": "datetime",
    "choice": "singlevaluelist",
    "boolean": "singlevaluelist",
}


def open311_services() -> QuerySet[Service]:
    """Services offered to Open311 apps: active and not under social or tax secrecy."""
    return (
        Service.objects.filter(is_active=True)
        .exclude(sensitivity=Service.Sensitivity.SENSITIVE)
        .select_related("topic")
        .order_by("key")
    )


def service_row(service: Service) -> dict[str, Any]:
    return {
        "service_code": service.key,
        "service_name": str(service),
        "description": service.description,
        "metadata": bool(service.form_fields),
        "type": "realtime",
        "keywords": ", ".join(s for s in service.synonyms[:10] if "," not in s),
        "group": service.topic.name if service.topic else "",
    }


def _values(field: dict[str, Any]) -> list[dict[str, str]]:
    if field.get("type") == "boolean":
        return [{"key": "true", "name": "ja"}, {"key": "false", "name": "nein"}]
    values = []
    for choice in field.get("choices") or []:
        if isinstance(choice, dict):
            key = str(choice.get("value", choice.get("key", "")))
            values.append({"key": key, "name": str(choice.get("label", key))})
        else:
            values.append({"key": str(choice), "name": str(choice)})
    return values


def definition(service: Service) -> dict[str, Any]:
    attributes = []
    for order, field in enumerate(service.form_fields, start=1):
        attribute: dict[str, Any] = {
            "variable": True,
            "code": field["name"],
            "datatype": DATATYPES.get(field.get("type", "text"), "string"),
            "required": bool(field.get("required", False)),
            "datatype_description": str(field.get("help", "")),
            "order": order,
            "description": field["label"],
        }
        values = _values(field)
        if values:
            attribute["values"] = values
        attributes.append(attribute)
    return {"service_code": service.key, "attributes": attributes}


def public_requests() -> QuerySet[Ticket]:
    return access.public_defect_reports().select_related("service", "org_unit")


def _time(value: Any) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def request_row(ticket: Ticket) -> dict[str, Any]:
    return {
        "service_request_id": ticket.reference,
        "status": open311_status(ticket.status),
        "status_notes": ticket.public_status_text,
        "service_name": str(ticket.service) if ticket.service else "",
        "service_code": ticket.service.key if ticket.service else "",
        # The citizen's own words (names, phone numbers, health remarks) are never public;
        # until staff can moderate a public text, the feed says only what was reported.
        "description": str(ticket.service) if ticket.service else "",
        "agency_responsible": ticket.org_unit.name if ticket.org_unit else "",
        "service_notice": "",
        "requested_datetime": _time(ticket.created_at),
        "updated_datetime": _time(ticket.updated_at),
        "expected_datetime": _time(ticket.resolution_due),
        "address": ticket.location_text,
        "address_id": "",
        "zipcode": "",
        "lat": float(ticket.latitude) if ticket.latitude is not None else None,
        "long": float(ticket.longitude) if ticket.longitude is not None else None,
        "media_url": "",
    }
