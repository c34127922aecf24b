"""Model → response dictionaries (no queries beyond the prefetched relations)."""

from __future__ import annotations

from typing import Any

from anliegen.catalog.models import Service
from anliegen.organization.models import OrgUnit
from anliegen.tickets.models import Ticket
from anliegen.tickets.status import public_status


def ticket(t: Ticket) -> dict[str, Any]:
    return {
        "id": t.pk,
        "reference": t.reference,
        "subject": t.subject,
        "status": t.status,
        "public_status": public_status(t.status).value,
        "public_status_text": t.public_status_text,
        "channel": t.channel,
        "priority": t.priority,
        "service": t.service.key if t.service else None,
        "org_unit": t.org_unit.key if t.org_unit else None,
        "assignee": t.assignee.username if t.assignee else None,
        "is_sensitive": t.is_sensitive,
        "location_text": t.location_text,
        "latitude": float(t.latitude) if t.latitude is not None else None,
        "longitude": float(t.longitude) if t.longitude is not None else None,
        "created_at": t.created_at,
        "updated_at": t.updated_at,
        "resolution_due": t.resolution_due,
        "external_references": [
            {"system": r.system, "reference": r.reference} for r in t.external_references.all()
        ],
    }


def ticket_detail(t: Ticket) -> dict[str, Any]:
    return {
        **ticket(t),
        "contact_name": t.contact_name,
        "contact_email": t.contact_email,
        "contact_phone": t.contact_phone,
        "form_data": t.form_data,
        "messages": [
            {
                "id": m.pk,
                "kind": m.kind,
                "body": m.body,
                "channel": m.channel,
                "created_at": m.created_at,
            }
            for m in t.messages.all()
        ],
        "events": [
            {"kind": e.kind, "is_public": e.is_public, "created_at": e.created_at}
            for e in t.events.all()
        ],
    }


def service(s: Service) -> dict[str, Any]:
    return {
        "key": s.key,
        "name": s.name,
        "citizen_name": s.citizen_name,
        "description": s.description,
        "leika_key": s.leika_key,
        "kind": s.kind,
        "online_service_url": s.online_service_url,
        "appointment_url": s.appointment_url,
        "form_fields": s.form_fields,
        "org_units": sorted({r.org_unit.key for r in s.responsibilities.all()}),
    }


def org_unit(u: OrgUnit) -> dict[str, Any]:
    return {
        "key": u.key,
        "name": u.name,
        "short_name": u.short_name,
        "kgst_number": u.kgst_number,
        "kind": u.kind,
        "parent": u.parent.key if u.parent else None,
        "is_external": u.is_external,
        "email": u.email,
        "phone": u.phone,
        "address": u.address,
        "opening_hours": u.opening_hours,
    }
