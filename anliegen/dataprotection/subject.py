"""Data-subject rights: everything about one person as a ZIP (Art. 15 GDPR) and erasure
(Art. 17) that respects retention duties and says why something is kept."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from anliegen.organization.models import User
from anliegen.privacy.audit import record
from anliegen.tickets import access
from anliegen.tickets.actions.retention import anonymise_ticket
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Ticket
from anliegen.tickets.status import FINISHED_STATUSES

from .dossier import FORMAT_VERSION, ticket_record, write_attachments
from .retention.due import retention_deadline


def export_zip(user: User, tickets: list[Ticket]) -> bytes:
    """data.json, a readable index.html and the attachments of ``tickets``; audited."""
    records = [ticket_record(t) for t in tickets]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        data = {
            "format": "anliegen-subject-export",
            "version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "tickets": records,
        }
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=1))
        archive.writestr("index.html", render_to_string("dataprotection/export.html", data))
        for ticket in tickets:
            write_attachments(archive, ticket)
    record(
        user.username,
        "subject.export",
        actor_id=user.pk,
        secrecy=access.secrecy_of_all(tickets),
        tickets=[t.pk for t in tickets],
    )
    return buffer.getvalue()


@dataclass(frozen=True)
class ErasureOutcome:
    reference: str
    erased: bool
    reason: str


def _kept_because(ticket: Ticket, now: datetime) -> str | None:
    if ticket.status not in FINISHED_STATUSES:
        return _("Das Anliegen ist noch in Bearbeitung.")
    deadline = retention_deadline(ticket)
    if deadline is not None and deadline > now:
        return _("Aufbewahrungspflicht bis %(date)s (Aufbewahrungsklasse „%(cls)s“).") % {
            "date": timezone.localtime(deadline).strftime("%d.%m.%Y"),
            "cls": ticket.service.get_retention_class_display() if ticket.service else "Standard",
        }
    return None


def erase(user: User, tickets: list[Ticket], *, dry_run: bool = False) -> list[ErasureOutcome]:
    """Anonymise what no retention duty keeps; for the rest, say why it stays."""
    now = timezone.now()
    outcomes = []
    for ticket in tickets:
        reason = _kept_because(ticket, now)
        if reason is None and not dry_run:
            anonymise_ticket(ticket.pk, Actor.staff(user), reason="Art. 17 DSGVO")
        outcomes.append(
            ErasureOutcome(ticket.reference, reason is None, reason or _("Anonymisiert."))
        )
    if not dry_run:
        record(
            user.username,
            "subject.erasure",
            actor_id=user.pk,
            secrecy=access.secrecy_of_all(tickets),
            erased=[o.reference for o in outcomes if o.erased],
            kept=[o.reference for o in outcomes if not o.erased],
        )
    return outcomes
