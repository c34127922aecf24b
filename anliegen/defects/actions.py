"""Every write of the defects app: the public description (staff), support instead of a
duplicate (citizens), feedback after closing (the citizen of the ticket). Each runs in one
transaction and writes its audit row; mails follow from the domain events after commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anliegen.catalog.models import Service
from anliegen.core.errors import NotFound, PermissionDenied, ValidationFailed
from anliegen.core.events import DomainEvent, publish
from anliegen.core.text import normalise_line, normalise_text
from anliegen.core.tokens import derive_token, hash_token, new_nonce
from anliegen.privacy.audit import record
from anliegen.tickets import access
from anliegen.tickets.actions import merge_ticket, reopen_ticket
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Ticket
from anliegen.tickets.status import FINISHED_STATUSES, OPEN_STATUSES, Status

from . import public
from .models import Feedback, PublicText, Support

MAX_PUBLIC_TEXT = 500
REOPEN_WITHIN = timedelta(days=14)
# Keeps supporters' links apart from tickets' tracking links derived from the same key.
SUPPORT_PREFIX = "support:"


def _require_staff_work(actor: Actor, ticket: Ticket) -> None:
    if not actor.is_staff or actor.user is None:
        raise PermissionDenied(_("Nur Beschäftigte geben öffentliche Beschreibungen frei."))
    if not access.can_work(actor.user, ticket):
        raise NotFound(_("Dieses Anliegen gibt es nicht oder Sie haben keinen Zugriff."))


def set_public_text(ticket: Ticket, actor: Actor, text: str) -> PublicText | None:
    """Approve ``text`` as the public description of a defect report; an empty text
    withdraws it (then only service, status and rough location stay public)."""
    _require_staff_work(actor, ticket)
    text = " ".join(normalise_text(text).split())
    if len(text) > MAX_PUBLIC_TEXT:
        raise ValidationFailed(
            _("Die öffentliche Beschreibung darf höchstens %(max)d Zeichen haben.")
            % {"max": MAX_PUBLIC_TEXT}
        )
    if text and not public.published().filter(pk=ticket.pk).exists():
        raise ValidationFailed(
            _(
                "Dieses Anliegen wird nicht veröffentlicht (keine Mängelmeldung, besonders "
                "geschützt oder die Leistung ist nicht öffentlich)."
            )
        )
    with transaction.atomic():
        secrecy = access.secrecy_of(ticket)
        if not text:
            PublicText.objects.filter(ticket_id=ticket.pk).delete()
            record(actor.label, "defect.public_text_withdrawn", actor_id=actor.user_id,
                   ticket_id=ticket.pk, secrecy=secrecy)  # fmt: skip
            return None
        row, _created = PublicText.objects.update_or_create(
            ticket_id=ticket.pk,
            defaults={"text": text, "approved_by": actor.user, "approved_at": timezone.now()},
        )
        record(actor.label, "defect.public_text_approved", actor_id=actor.user_id,
               ticket_id=ticket.pk, secrecy=secrecy, text=text)  # fmt: skip
    return row


@dataclass(frozen=True)
class Supported:
    support: Support
    token: str  # the supporter's own secret link to the report (/verfolgen/meldung/…)
    new: bool


def support_token(support: Support) -> str:
    """The supporter's link token, derived again from the stored nonce (never stored)."""
    return derive_token(SUPPORT_PREFIX + support.token_nonce)


def support_by_token(token: str) -> Support | None:
    if not token or len(token) > 100:
        return None
    return support_by_token_hash(hash_token(token))


def support_by_token_hash(token_hash: str) -> Support | None:
    """The supporter's row by the hash of its token: what the portal's session keeps."""
    if not token_hash or len(token_hash) != 64:
        return None
    return Support.objects.select_related("ticket").filter(token_hash=token_hash).first()


def support_by_id(support_id: object) -> Support | None:
    """The row whose link the thank-you page shows again (the session keeps its id only)."""
    if not isinstance(support_id, int):
        return None
    return Support.objects.select_related("ticket").filter(pk=support_id).first()


def _new_support(ticket: Ticket, email: str, merged_from: str = "") -> Support:
    nonce = new_nonce()
    return Support.objects.create(
        ticket_id=ticket.pk,
        email=email,
        token_nonce=nonce,
        token_hash=hash_token(derive_token(SUPPORT_PREFIX + nonce)),
        merged_from=merged_from,
        created_at=timezone.now(),
    )


def support_report(reference: str, email: str = "") -> Supported:
    """ "Ich bin auch betroffen": count one more supporter of an open public report instead of
    a new ticket. The supporter gets an own secret link to the report; with an e-mail address
    also its status mails (defect.supported → confirmation mail). Supporting twice with the
    same address counts once and gives the same link again."""
    ticket = public.published().filter(reference=normalise_line(reference).upper()).first()
    if ticket is None or ticket.status not in OPEN_STATUSES:
        raise NotFound(_("Diese Meldung gibt es nicht oder sie ist bereits erledigt."))
    email = email.strip().lower()
    with transaction.atomic():
        existing = (
            Support.objects.filter(ticket_id=ticket.pk, email=email).first() if email else None
        )
        if existing is not None:
            return Supported(existing, support_token(existing), new=False)
        try:
            with transaction.atomic():
                row = _new_support(ticket, email)
        except IntegrityError:  # the same address at the same moment
            row = Support.objects.get(ticket_id=ticket.pk, email=email)
            return Supported(row, support_token(row), new=False)
        record("citizen", "defect.supported", ticket_id=ticket.pk,
               secrecy=access.secrecy_of(ticket), follows=bool(email))  # fmt: skip
        publish(DomainEvent("defect.supported", ticket.pk, {"support_id": row.pk}))
    return Supported(row, support_token(row), new=True)


def stop_following(row: Support) -> None:
    """ "Keine E-Mails mehr" on the supporter's page (the caller found ``row`` by its
    token): the address is removed (no more status mails); the link itself keeps working."""
    with transaction.atomic():
        Support.objects.filter(pk=row.pk).update(email="")
        record("citizen", "defect.unfollowed", ticket_id=row.ticket_id,
               secrecy=access.secrecy_of(row.ticket))  # fmt: skip


def merge_into_report(duplicate: Ticket, actor: Actor, into: Ticket) -> Ticket:
    """Staff merge a later duplicate into a (supported) defect report: the duplicate's
    citizen becomes a supporter of it and follows its status mails from now on."""
    with transaction.atomic():
        merged = merge_ticket(duplicate, actor, into)
        email = (duplicate.contact_email or "").strip().lower()
        if is_public_service(into.service) and into.status in OPEN_STATUSES:
            taken = email and Support.objects.filter(ticket_id=into.pk, email=email).exists()
            if not taken:
                row = _new_support(into, email, merged_from=duplicate.reference)
                record(actor.label, "defect.supported", actor_id=actor.user_id,
                       ticket_id=into.pk, secrecy=access.secrecy_of(into),
                       follows=bool(email), merged=duplicate.reference)  # fmt: skip
                publish(DomainEvent("defect.supported", into.pk, {"support_id": row.pk}))
    return merged


def give_feedback(
    ticket: Ticket, *, solved: bool, rating: int | None, comment: str = ""
) -> Feedback:
    """The citizen's answer to "Wurde Ihr Anliegen gelöst?", once per ticket, through the
    tracking link (the caller found ``ticket`` by its token). A "no" within 14 days of the
    resolution reopens the ticket."""
    if ticket.status not in FINISHED_STATUSES:
        raise ValidationFailed(_("Eine Rückmeldung ist erst nach dem Abschluss möglich."))
    if rating is not None and not 1 <= rating <= 5:
        raise ValidationFailed(_("Bitte bewerten Sie mit 1 bis 5."))
    comment = normalise_text(comment).strip()[:2000]
    reopen = not solved and may_reopen(ticket)
    with transaction.atomic():
        if Feedback.objects.select_for_update().filter(ticket_id=ticket.pk).exists():
            raise ValidationFailed(_("Zu diesem Anliegen haben Sie bereits geantwortet."))
        try:
            with transaction.atomic():
                row = Feedback.objects.create(
                    ticket_id=ticket.pk,
                    org_unit_id=ticket.org_unit_id,
                    service_id=ticket.service_id,
                    solved=solved,
                    rating=rating,
                    comment=comment,
                    reopened=reopen,
                    created_at=timezone.now(),
                )
        except IntegrityError:
            raise ValidationFailed(_("Zu diesem Anliegen haben Sie bereits geantwortet.")) from None
        record("citizen", "ticket.feedback", ticket_id=ticket.pk,
               secrecy=access.secrecy_of(ticket), solved=solved, rating=rating)  # fmt: skip
        if reopen:
            note = _("Rückmeldung: nicht gelöst.") + (f" {comment}" if comment else "")
            reopen_ticket(ticket, Actor.citizen(), note=str(note))
    return row


def may_reopen(ticket: Ticket) -> bool:
    """A "no" reopens a resolved or closed ticket within 14 days of its resolution."""
    finished = ticket.resolved_at or ticket.closed_at or timezone.now()
    return (
        ticket.status in {Status.RESOLVED, Status.CLOSED}
        and timezone.now() - finished <= REOPEN_WITHIN
    )


def may_give_feedback(ticket: Ticket) -> bool:
    return (
        ticket.status in FINISHED_STATUSES
        and not Feedback.objects.filter(ticket_id=ticket.pk).exists()
    )


def is_public_service(service: Service | None) -> bool:
    return service is not None and service.kind == Service.Kind.DEFECT
