"""Consultation (Beteiligung): ask another office; ownership stays where it is."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anliegen.core.errors import NotFound, PermissionDenied, ValidationFailed
from anliegen.core.text import normalise_text
from anliegen.organization.models import OrgUnit
from anliegen.privacy.needtoknow import reach

from ..actors import Actor
from ..models import Consultation, EventKind, Ticket
from ._common import add_event, lock, require_work


def request_consultation(
    ticket: Ticket, actor: Actor, org_unit: OrgUnit, question: str
) -> Consultation:
    question = normalise_text(question)
    if not question.strip():
        raise ValidationFailed(_("Bitte formulieren Sie Ihre Frage an die andere Stelle."))
    with transaction.atomic():
        ticket = lock(ticket)
        require_work(actor, ticket)
        if org_unit.pk == ticket.org_unit_id:
            raise ValidationFailed(_("Das Anliegen liegt bereits bei dieser Stelle."))
        if ticket.consultations.filter(org_unit=org_unit, answered_at__isnull=True).exists():
            raise ValidationFailed(_("Diese Stelle ist bereits beteiligt."))
        consultation = Consultation.objects.create(
            ticket=ticket,
            org_unit=org_unit,
            question=question.strip(),
            requested_by=actor.user,
            requested_at=timezone.now(),
        )
        add_event(
            ticket,
            EventKind.CONSULTATION_REQUESTED,
            actor,
            org_unit=org_unit.key,
            consultation_id=consultation.pk,
        )
    return consultation


def answer_consultation(consultation: Consultation, actor: Actor, answer: str) -> Consultation:
    """Only members of the consulted office answer; the answer lands in the timeline."""
    answer = normalise_text(answer)
    if not answer.strip():
        raise ValidationFailed(_("Bitte schreiben Sie eine Antwort."))
    with transaction.atomic():
        consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if actor.is_citizen:
            raise NotFound(_("Diese Beteiligung gibt es nicht."))
        if actor.is_staff:
            assert actor.user is not None
            if consultation.org_unit_id not in reach(actor.user).units:
                raise PermissionDenied(_("Nur die beteiligte Stelle kann antworten."))
        if not consultation.is_open:
            raise ValidationFailed(_("Diese Beteiligung wurde bereits beantwortet."))
        consultation.answer = answer.strip()
        consultation.answered_by = actor.user
        consultation.answered_at = timezone.now()
        consultation.save()
        ticket = lock(consultation.ticket)
        add_event(
            ticket,
            EventKind.CONSULTATION_ANSWERED,
            actor,
            org_unit=consultation.org_unit.key,
            consultation_id=consultation.pk,
        )
    return consultation
