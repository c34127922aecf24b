"""Every write to the procedure register (status bridge, admin, retention) goes through these
functions: one transaction, a history entry, an audit row, and the linked Anliegen follows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anliegen.catalog.models import Service
from anliegen.core.errors import ValidationFailed
from anliegen.core.text import normalise_line, normalise_text
from anliegen.organization.models import OrgUnit
from anliegen.privacy import audit
from anliegen.privacy.secrecy import NOT_SECRET, Secrecy
from anliegen.tickets import access
from anliegen.tickets.actions import apply_external_status
from anliegen.tickets.actors import Actor

from . import verifier
from .inquiries import answer_inquiries, citizen_text
from .models import Procedure, ProcedureEntry
from .references import format_for, reference_key

MAX_TEXT = 500


@dataclass(frozen=True)
class ProcedureReport:
    """What a Fachverfahren (or a clerk) says about one procedure. ``None`` keeps what is
    stored; a new procedure needs a status text and an office (given or from the format)."""

    system: str
    reference: str
    status_text: str = ""
    next_step: str | None = None
    service: Service | None = None
    org_unit: OrgUnit | None = None
    verifier_kind: str | None = None
    verifier_value: str = ""
    closed: bool | None = None


@dataclass(frozen=True)
class Recorded:
    procedure: Procedure
    created: bool
    ticket_id: int | None


def _clean(report: ProcedureReport) -> tuple[str, str, str, str | None]:
    system = normalise_line(report.system)[:100]
    reference = normalise_line(report.reference)
    status_text = normalise_text(report.status_text).strip()
    next_step = None if report.next_step is None else normalise_text(report.next_step).strip()
    if not system or not reference:
        raise ValidationFailed(_("Bitte geben Sie System und Aktenzeichen an."))
    if len(reference) > 200:
        raise ValidationFailed(_("Das Aktenzeichen ist zu lang (höchstens 200 Zeichen)."))
    if len(status_text) > MAX_TEXT or len(next_step or "") > MAX_TEXT:
        raise ValidationFailed(_("Stand und nächster Schritt haben höchstens je 500 Zeichen."))
    return system, reference, status_text, next_step


def record_procedure(report: ProcedureReport, actor: Actor) -> Recorded:
    """Create or update the procedure ``system``/``reference``; a changed status text or next
    step adds a history entry and is shown on the linked Anliegen (citizen notified there)."""
    system, reference, status_text, next_step = _clean(report)
    verifier_hash, plain = None, ""
    if report.verifier_kind:
        plain = verifier.validate(report.verifier_kind, report.verifier_value)
        verifier_hash = verifier.make(report.verifier_kind, plain)
    elif report.verifier_kind == "":
        verifier_hash = ""  # removed
    now = timezone.now()
    with transaction.atomic():
        procedure = (
            Procedure.objects.select_for_update().filter(system=system, reference=reference).first()
        )
        created = procedure is None
        if procedure is None:
            procedure = _new(system, reference, report, status_text, now)
        changed = _update(procedure, report, status_text, next_step, verifier_hash, now)
        if changed or created:
            ProcedureEntry.objects.create(
                procedure=procedure,
                at=now,
                status_text=procedure.status_text,
                next_step=procedure.next_step,
                source=actor.label[:150],
            )
        audit.record(
            actor.label,
            "procedure.created" if created else "procedure.updated",
            actor_id=actor.user_id,
            secrecy=secrecy_of(procedure),
            procedure_id=procedure.pk,
            system=system,
            reference=reference,
            verifier_changed=verifier_hash is not None,
        )
        ticket_id = _follow_on_ticket(procedure, actor) if changed or created else None
        if changed or created or report.verifier_kind:
            answer_inquiries(procedure, report.verifier_kind or None, plain)
    return Recorded(procedure, created, ticket_id)


def _new(
    system: str, reference: str, report: ProcedureReport, status_text: str, now: datetime
) -> Procedure:
    fmt = format_for(reference)
    org_unit = report.org_unit or (fmt.org_unit if fmt else None)
    if org_unit is None:
        raise ValidationFailed(
            _("Für dieses Aktenzeichen ist keine zuständige Stelle bekannt: bitte angeben.")
        )
    if not status_text:
        raise ValidationFailed(_("Ein neues Verfahren braucht einen Stand für die Bürger."))
    return Procedure(
        system=system,
        reference=reference,
        reference_key=reference_key(reference),
        service=report.service or (fmt.service if fmt else None),
        org_unit=org_unit,
        status_text=status_text,
        created_at=now,
        updated_at=now,
    )


def _update(
    procedure: Procedure,
    report: ProcedureReport,
    status_text: str,
    next_step: str | None,
    verifier_hash: str | None,
    now: datetime,
) -> bool:
    """Apply the report; True when what the citizen sees changed."""
    before = (procedure.status_text, procedure.next_step, procedure.is_closed)
    if status_text:
        procedure.status_text = status_text
    if next_step is not None:
        procedure.next_step = next_step
    if report.closed is not None:
        procedure.is_closed = report.closed
        procedure.closed_at = now if report.closed else None
    if report.service is not None:
        procedure.service = report.service
    if report.org_unit is not None:
        procedure.org_unit = report.org_unit
    if verifier_hash is not None:
        procedure.verifier_kind = report.verifier_kind or ""
        procedure.verifier_hash = verifier_hash
    changed = before != (procedure.status_text, procedure.next_step, procedure.is_closed)
    procedure.updated_at = now
    procedure.save()
    return changed


def _follow_on_ticket(procedure: Procedure, actor: Actor) -> int | None:
    """The Anliegen linked to this Aktenzeichen (e.g. a status inquiry) shows the new status,
    and the citizen is notified through the ticket action's event. A consequence of an already
    authorised change, so the write runs as the system on behalf of ``actor``."""
    ticket = access.ticket_for_external_reference(procedure.system, procedure.reference)
    if ticket is None:
        return None
    apply_external_status(
        ticket,
        Actor.system(f"procedure:{actor.label}"[:150]),
        system=procedure.system,
        reference=procedure.reference,
        public_text=citizen_text(procedure),
    )
    return ticket.pk


def delete_procedure(procedure: Procedure, actor: Actor, *, reason: str) -> None:
    """Delete a procedure with its history and its verifier (retention, or an admin)."""
    with transaction.atomic():
        audit.record(
            actor.label,
            "procedure.deleted",
            actor_id=actor.user_id,
            secrecy=secrecy_of(procedure),
            procedure_id=procedure.pk,
            system=procedure.system,
            reference=procedure.reference,
            reason=reason,
        )
        procedure.delete()


def secrecy_of(procedure: Procedure) -> Secrecy:
    """Audit rows about a procedure of a sensitive service are hidden like its tickets'."""
    if not procedure.is_sensitive:
        return NOT_SECRET
    return Secrecy(sensitive=True, unit_id=procedure.org_unit_id)
