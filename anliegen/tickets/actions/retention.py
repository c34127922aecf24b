"""Retention writes: anonymising or deleting one ticket once its retention period has run.

Each call is its own short transaction over one ticket, so the batched retention job never
holds a lock for long. Statistics survive anonymisation: the ticket row keeps service, unit,
channel, status and dates; only personal data goes.
"""

from __future__ import annotations

from django.core.files.storage import Storage
from django.db import transaction

from anliegen.core.erasure import erase_everywhere
from anliegen.privacy.audit import record
from anliegen.privacy.models import AuditEvent
from anliegen.privacy.redact import REDACTED, redact, redact_data

from .. import access, search
from ..actors import Actor
from ..models import Attachment, Consultation, ExternalReference, Message, Ticket, TicketEvent


def _names(ticket: Ticket) -> list[str]:
    return [n for n in (ticket.contact_name,) if n.strip()]


def _delete_files(ticket_id: int) -> int:
    """Remove the ticket's attachments from the database now and from storage on commit.

    A file removed before the commit would be lost for good if the transaction then rolled
    back (the ticket and its attachment rows would come back without their files).
    """
    attachments = list(Attachment.objects.filter(message__ticket_id=ticket_id))
    names = {a.file.name for a in attachments if a.file.name}
    Attachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()
    if names:
        storage = Attachment._meta.get_field("file").storage
        transaction.on_commit(lambda: _remove_unreferenced(storage, names))
    return len(attachments)


def _remove_unreferenced(storage: Storage, names: set[str]) -> None:
    # Attachments are stored by content hash: a file another ticket still uses stays. Checked
    # after the commit, so an upload of the same content meanwhile keeps it too.
    used = set(Attachment.objects.filter(file__in=names).values_list("file", flat=True))
    for name in names - used:
        storage.delete(name)


def anonymise_ticket(ticket_id: int, actor: Actor, *, reason: str) -> bool:
    """Remove contact data, redact texts, delete attachments; False if the ticket is gone."""
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().filter(pk=ticket_id).first()
        if ticket is None:
            return False
        names = _names(ticket)
        files = _delete_files(ticket.pk)
        erase_everywhere(ticket.pk)
        for message in Message.objects.filter(ticket=ticket):
            message.body = redact(message.body, names)
            message.email_message_id = None
            message.save(update_fields=["body", "email_message_id"])
        for consultation in Consultation.objects.filter(ticket=ticket):
            consultation.question = redact(consultation.question, names)
            consultation.answer = redact(consultation.answer, names)
            consultation.save(update_fields=["question", "answer"])
        for event in TicketEvent.objects.filter(ticket=ticket):
            event.data = redact_data(event.data, names)
            event.save(update_fields=["data"])
        for external in ExternalReference.objects.filter(ticket=ticket):
            external.reference = redact(external.reference, names)
            external.save(update_fields=["reference"])
        _redact_audit(ticket.pk, names)
        ticket.subject = redact(ticket.subject, names) or REDACTED
        ticket.public_status_text = redact(ticket.public_status_text, names)
        ticket.contact_name = ticket.contact_email = ticket.contact_phone = ""
        ticket.contact_language = ""
        ticket.location_text = ""
        ticket.latitude = ticket.longitude = None
        ticket.form_data = {}
        ticket.save()
        search.reindex_ticket(ticket.pk)
        record(
            actor.label,
            "ticket.anonymised",
            actor_id=actor.user_id,
            ticket_id=ticket.pk,
            secrecy=access.secrecy_of(ticket),
            reason=reason,
            attachments_deleted=files,
        )
    return True


def _redact_audit(ticket_id: int, names: list[str]) -> None:
    # The audit log is append-only for people; retention is the one writer allowed to strip
    # personal data out of its details (queryset update, the model refuses saves).
    for pk, detail in AuditEvent.objects.filter(ticket_id=ticket_id).values_list("pk", "detail"):
        cleaned = redact_data(detail, names)
        if cleaned != detail:
            AuditEvent.objects.filter(pk=pk).update(detail=cleaned)


def delete_ticket(ticket_id: int, actor: Actor, *, reason: str) -> bool:
    """Delete the ticket with its messages, files and timeline; False if already gone."""
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().filter(pk=ticket_id).first()
        if ticket is None:
            return False
        reference = ticket.reference
        secrecy = access.secrecy_of(ticket)
        names = _names(ticket)
        files = _delete_files(ticket.pk)
        erase_everywhere(ticket.pk)
        _redact_audit(ticket.pk, names)
        Ticket.objects.filter(merged_into=ticket).update(merged_into=None)
        ticket.delete()
        search.reindex_ticket(ticket_id)
        record(
            actor.label,
            "ticket.deleted",
            actor_id=actor.user_id,
            ticket_id=ticket_id,
            secrecy=secrecy,
            reference=reference,
            reason=reason,
            attachments_deleted=files,
        )
    return True
