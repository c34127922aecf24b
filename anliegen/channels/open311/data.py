"""Catalogue and tickets as GeoReport v2 rows. Public text only: never contact data, never
the citizen's own text, never internal notes; only defect reports (public infrastructure)
are listed to everybody."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from anliegen.catalog.models import Service
from anliegen.defects import public
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
    """The same reports as /meldungen/ (defects.public): never sensitive, never hidden."""
    return public.published()


def _time(value: Any) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def request_row(ticket: Ticket, street_names: list[str] | None = None) -> dict[str, Any]:
    # The citizen's own words (names, phone numbers, health remarks) are never public: the
    # description is the staff-approved public text, else only what was reported; the
    # address is the street name from the city's list (else the district), the point rough.
    row = public.report(ticket, street_names)
    return {
        "service_request_id": row.reference,
        "status": open311_status(ticket.status),
        "status_notes": row.status_text,
        "service_name": row.service,
        "service_code": row.service_key,
        "description": row.text or row.service,
        "agency_responsible": ticket.org_unit.name if ticket.org_unit else "",
        "service_notice": "",
        "requested_datetime": _time(row.created_at),
        "updated_datetime": _time(row.updated_at),
        "expected_datetime": _time(ticket.resolution_due),
        "address": row.place,
        "address_id": "",
        "zipcode": "",
        "lat": row.latitude,
        "long": row.longitude,
        "media_url": "",
    }
