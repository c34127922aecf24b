"""Status inquiries: a citizen's question about an Aktenzeichen that /sachstand/ could not
answer becomes an Anliegen for the owning office (tickets' create action); when the
Fachverfahren reports that procedure later, the Anliegen shows the status and closes itself,
but only if the verifier the citizen typed matches the procedure's; otherwise staff answer."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from anliegen.core.errors import ValidationFailed
from anliegen.core.text import normalise_line
from anliegen.privacy import audit
from anliegen.tickets import access
from anliegen.tickets.actions import (
    CreatedTicket,
    NewTicket,
    add_message,
    apply_external_status,
    create_ticket,
    route_ticket,
)
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel, Message, Ticket
from anliegen.tickets.status import Status, can_transition

from . import verifier
from .counts import count_inquiry
from .models import InquiryCount, Procedure, StatusInquiry
from .references import MAX_REFERENCE, format_for, reference_key

MAX_TEXT = 500
ANSWERABLE = (Status.CLOSED, Status.DUPLICATE, Status.REJECTED)  # excluded: finished for good
SYSTEM = Actor.system("procedures:inquiry")


def citizen_text(procedure: Procedure) -> str:
    text = procedure.status_text
    if procedure.next_step:
        text = f"{text} {_('Nächster Schritt')}: {procedure.next_step}"
    return text[:MAX_TEXT]


@dataclass(frozen=True)
class InquiryRequest:
    reference: str
    verifier_value: str
    contact_email: str
    contact_name: str = ""
    message: str = ""
    contact_language: str = ""


def file_status_inquiry(data: InquiryRequest, actor: Actor) -> CreatedTicket:
    """Create the inquiry Anliegen, routed to the office that owns the Aktenzeichen."""
    reference = normalise_line(data.reference)[:MAX_REFERENCE]
    if not reference_key(reference):
        raise ValidationFailed(_("Bitte geben Sie das Aktenzeichen an."))
    key = reference_key(reference)
    procedure = (
        Procedure.objects.filter(reference_key=key)
        .select_related("service", "org_unit")
        .order_by("pk")
        .first()
    )
    fmt = format_for(reference)
    office = procedure.org_unit if procedure else (fmt.org_unit if fmt else None)
    service = (procedure.service if procedure else None) or (fmt.service if fmt else None)
    text = _("Sachstandsanfrage zum Aktenzeichen %(reference)s") % {"reference": reference}
    if data.message.strip():
        text = f"{text}\n\n{data.message.strip()}"
    salt, hashes = verifier.inquiry_hashes(data.verifier_value)
    with transaction.atomic():
        created = create_ticket(
            NewTicket(
                text=text,
                channel=Channel.WEB,
                subject=_("Sachstandsanfrage %(reference)s") % {"reference": reference[:100]},
                service=service,
                contact_name=data.contact_name,
                contact_email=data.contact_email,
                contact_language=data.contact_language,
            ),
            actor,
        )
        ticket = created.ticket
        if office is not None and ticket.org_unit_id != office.pk:
            ticket = route_ticket(
                ticket,
                SYSTEM,
                org_unit=office,
                reason=_("Zuständig für das Aktenzeichen %(reference)s") % {"reference": reference},
            )
        verified = None
        if procedure is not None and procedure.has_verifier:
            verified = verifier.matches(
                procedure.verifier_kind, data.verifier_value, procedure.verifier_hash
            )
        inquiry = StatusInquiry.objects.create(
            ticket=ticket,
            system=procedure.system if procedure else (fmt.system if fmt else ""),
            reference=reference,
            reference_key=key,
            procedure=procedure,
            verifier_salt=salt,
            verifier_hashes=hashes,
            verified=verified,
            created_at=timezone.now(),
        )
        count_inquiry(office, InquiryCount.Way.TICKET)
        audit.record(
            actor.label,
            "procedure.inquiry_filed",
            ticket_id=ticket.pk,
            secrecy=access.secrecy_of(ticket),
            reference=reference,
            known=procedure is not None,
        )
        if procedure is not None and verified:
            _answer(inquiry, ticket, procedure)
    return CreatedTicket(ticket=ticket, token=created.token)


def answer_inquiries(procedure: Procedure, kind: str | None, value: str) -> list[int]:
    """The procedure was reported: every open inquiry about its Aktenzeichen learns of it.
    ``kind``/``value``: the verifier just reported (validated), if the report carried one."""
    answered: list[int] = []
    inquiries = (
        StatusInquiry.objects.filter(reference_key=procedure.reference_key)
        .filter(Q(system="") | Q(system=procedure.system))
        .exclude(ticket__status__in=ANSWERABLE)
        .select_related("ticket")
        .order_by("pk")
    )
    for inquiry in inquiries:
        newly_linked = inquiry.procedure_id is None
        inquiry.procedure = procedure
        if kind and inquiry.verified is not True:
            inquiry.verified = verifier.inquiry_matches(
                inquiry.verifier_salt, inquiry.verifier_hashes, kind, value
            )
        inquiry.save(update_fields=["procedure", "verified"])
        if inquiry.verified:
            _answer(inquiry, inquiry.ticket, procedure)
            answered.append(inquiry.ticket_id)
        elif newly_linked or kind:
            add_message(
                inquiry.ticket,
                SYSTEM,
                Message.Kind.INTERNAL_NOTE,
                _(
                    "Das Fachverfahren meldet zu %(reference)s: „%(text)s“. Die Prüfangabe der "
                    "Anfrage passt nicht (oder fehlt): bitte selbst antworten."
                )
                % {"reference": procedure.reference, "text": citizen_text(procedure)},
            )
    return answered


def _answer(inquiry: StatusInquiry, ticket: Ticket, procedure: Procedure) -> None:
    """Show the status on the Anliegen (citizen notified by the ticket action) and close the
    inquiry: the question is answered."""
    target = Status.RESOLVED if can_transition(ticket.status, Status.RESOLVED) else None
    if ticket.status == Status.RESOLVED:
        target = None
    apply_external_status(
        ticket,
        SYSTEM,
        system=procedure.system,
        reference=procedure.reference,
        public_text=citizen_text(procedure),
        status=target,
    )
    if inquiry.answered_at is None:
        inquiry.answered_at = timezone.now()
        inquiry.save(update_fields=["answered_at"])
