"""One ticket as a self-contained record: used by the archive offer and the Art. 15 export.

The format is documented in docs/privacy/packages.md; change both together.
"""

from __future__ import annotations

import re
import zipfile
from typing import Any

from anliegen.tickets import access
from anliegen.tickets.models import Attachment, Ticket

FORMAT_VERSION = 1
_UNSAFE = re.compile(r"[^\w.-]+", re.UNICODE)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def attachment_path(ticket: Ticket, attachment: Attachment) -> str:
    """Where an attachment sits in a package; never taken from the uploaded name alone."""
    safe = _UNSAFE.sub("_", attachment.filename).strip("._")[:80] or "datei"
    return f"attachments/{ticket.reference}/{attachment.pk}-{safe}"


def ticket_record(ticket: Ticket) -> dict[str, Any]:
    """Everything stored about ``ticket``, as JSON-ready data."""
    service = ticket.service
    unit = ticket.org_unit
    messages = []
    for message in ticket.messages.prefetch_related("attachments").order_by("created_at", "pk"):
        messages.append(
            {
                "kind": message.kind,
                "created_at": _iso(message.created_at),
                "channel": message.channel,
                "body": message.body,
                "attachments": [
                    {
                        "filename": a.filename,
                        "path": attachment_path(ticket, a),
                        "content_type": a.content_type,
                        "size": a.size,
                        "sha256": a.sha256,
                    }
                    for a in message.attachments.all()
                ],
            }
        )
    return {
        "reference": ticket.reference,
        "channel": ticket.channel,
        "status": ticket.status,
        "subject": ticket.subject,
        "is_sensitive": ticket.is_sensitive,
        "service": {
            "key": service.key,
            "name": service.name,
            "leika_key": service.leika_key,
            "retention_class": service.retention_class,
        }
        if service
        else None,
        "org_unit": {"key": unit.key, "name": unit.name, "kgst_number": unit.kgst_number}
        if unit
        else None,
        "contact": {
            "name": ticket.contact_name,
            "email": ticket.contact_email,
            "phone": ticket.contact_phone,
            "language": ticket.contact_language,
        },
        "location": {
            "text": ticket.location_text,
            "latitude": str(ticket.latitude) if ticket.latitude is not None else None,
            "longitude": str(ticket.longitude) if ticket.longitude is not None else None,
        },
        "form_data": ticket.form_data,
        "created_at": _iso(ticket.created_at),
        "resolved_at": _iso(ticket.resolved_at),
        "closed_at": _iso(ticket.closed_at),
        "messages": messages,
        "events": [
            {
                "kind": e.kind,
                "created_at": _iso(e.created_at),
                "actor": e.actor_label,
                "data": e.data,
                "public": e.is_public,
            }
            for e in ticket.events.order_by("created_at", "pk")
        ],
        "consultations": [
            {
                "org_unit": c.org_unit.name,
                "question": c.question,
                "answer": c.answer,
                "requested_at": _iso(c.requested_at),
                "answered_at": _iso(c.answered_at),
            }
            for c in ticket.consultations.select_related("org_unit")
        ],
        "external_references": [
            {"system": r.system, "reference": r.reference} for r in ticket.external_references.all()
        ],
    }


def write_attachments(archive: zipfile.ZipFile, ticket: Ticket) -> int:
    """Copy the ticket's attachments into ``archive``; returns how many were written."""
    count = 0
    for attachment in access.attachments_of(ticket):
        try:
            with attachment.file.open("rb") as source:
                archive.writestr(attachment_path(ticket, attachment), source.read())
        except FileNotFoundError:
            continue
        count += 1
    return count
