"""Assignment, status changes, priority, merging."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anliegen.core.errors import InvalidTransition, NotFound, ValidationFailed
from anliegen.core.text import normalise_text
from anliegen.organization.models import User
from anliegen.privacy.needtoknow import reach

from .. import access
from ..actors import Actor
from ..deadlines import follow_clock
from ..models import EventKind, Priority, Ticket
from ..status import FINISHED_STATUSES, OPEN_STATUSES, Status, can_transition
from ._common import add_event, lock, require_work


def assign_ticket(ticket: Ticket, actor: Actor, assignee: User | None) -> Ticket:
    """Give the ticket to a colleague of its office (or take it back to the office queue)."""
    with transaction.atomic():
        ticket = lock(ticket)
        require_work(actor, ticket)
        if ticket.status in FINISHED_STATUSES:
            raise ValidationFailed(_("Ein abgeschlossenes Anliegen kann nicht zugewiesen werden."))
        if assignee is not None and (
            not assignee.is_active or ticket.org_unit_id not in reach(assignee).units
        ):
            raise ValidationFailed(
                _("%(name)s gehört nicht zur zuständigen Stelle.") % {"name": assignee}
            )
        ticket.assignee = assignee
        if assignee is not None and ticket.status in {Status.NEW, Status.TRIAGE}:
            ticket.status = Status.ASSIGNED
        ticket.save()
        add_event(
            ticket, EventKind.ASSIGNED, actor, assignee=assignee.username if assignee else None
        )
    return ticket


def change_status(ticket: Ticket, actor: Actor, status: Status, *, note: str = "") -> Ticket:
    """Move the ticket along the transition table, keeping the SLA timestamps right."""
    with transaction.atomic():
        ticket = lock(ticket)
        require_work(actor, ticket)
        transition(ticket, actor, status, note=note)
    return ticket


def transition(
    ticket: Ticket, actor: Actor, status: Status, *, note: str = "", checked: bool = True
) -> None:
    previous = Status(ticket.status)
    if checked and not can_transition(previous, status):
        raise InvalidTransition(
            _("Der Status kann nicht von „%(old)s“ zu „%(new)s“ wechseln.")
            % {"old": previous.label, "new": status.label}
        )
    now = timezone.now()
    ticket.status = status
    if status in {Status.RESOLVED, Status.DUPLICATE, Status.REJECTED}:
        ticket.resolved_at = ticket.resolved_at or now
    if status == Status.CLOSED:
        ticket.resolved_at = ticket.resolved_at or now
        ticket.closed_at = now
    if status in OPEN_STATUSES:
        ticket.resolved_at = None
        ticket.closed_at = None
    follow_clock(ticket, previous, now)
    ticket.save()
    add_event(
        ticket,
        EventKind.STATUS_CHANGED,
        actor,
        public=True,
        old=previous.value,
        new=status.value,
        note=normalise_text(note).strip(),
    )


def close_ticket(ticket: Ticket, actor: Actor, *, note: str = "") -> Ticket:
    """Close: by staff, or by the citizen ("Mein Anliegen ist erledigt")."""
    with transaction.atomic():
        ticket = lock(ticket)
        require_work(actor, ticket)
        if ticket.status == Status.CLOSED:
            raise InvalidTransition(_("Dieses Anliegen ist bereits abgeschlossen."))
        # The citizen's word ends the concern whatever state the office had it in; staff
        # close through "resolved" so that the resolution time is recorded.
        if actor.is_citizen:
            transition(ticket, actor, Status.CLOSED, note=note, checked=False)
            return ticket
        if not can_transition(ticket.status, Status.CLOSED):
            transition(ticket, actor, Status.RESOLVED, note=note)
        transition(ticket, actor, Status.CLOSED, note=note)
    return ticket


def reopen_ticket(ticket: Ticket, actor: Actor, *, note: str = "") -> Ticket:
    with transaction.atomic():
        ticket = lock(ticket)
        require_work(actor, ticket)
        if ticket.status not in FINISHED_STATUSES:
            raise InvalidTransition(
                _("Nur erledigte oder abgeschlossene Anliegen können wieder geöffnet werden.")
            )
        ticket.merged_into = None
        transition(ticket, actor, Status.IN_PROGRESS, note=note)
    return ticket


def set_priority(ticket: Ticket, actor: Actor, priority: Priority) -> Ticket:
    with transaction.atomic():
        ticket = lock(ticket)
        require_work(actor, ticket)
        old = ticket.priority
        ticket.priority = priority
        ticket.save()
        add_event(ticket, EventKind.PRIORITY_CHANGED, actor, old=old, new=int(priority))
    return ticket


def merge_ticket(duplicate: Ticket, actor: Actor, into: Ticket) -> Ticket:
    """Mark ``duplicate`` as a duplicate of ``into``; both timelines say so."""
    if duplicate.pk == into.pk:
        raise ValidationFailed(_("Ein Anliegen kann nicht mit sich selbst zusammengeführt werden."))
    with transaction.atomic():
        duplicate = lock(duplicate)
        target = lock(into)
        require_work(actor, duplicate)
        if actor.is_staff:
            assert actor.user is not None
            if not access.can_view(actor.user, target):
                raise NotFound(_("Das Ziel-Anliegen gibt es nicht oder Sie haben keinen Zugriff."))
        if target.status in {Status.DUPLICATE, Status.REJECTED}:
            raise ValidationFailed(_("Das Ziel-Anliegen ist selbst ein Duplikat oder abgelehnt."))
        transition(duplicate, actor, Status.DUPLICATE, note=target.reference)
        duplicate.merged_into = target
        duplicate.save()
        add_event(duplicate, EventKind.MERGED, actor, public=True, into=target.reference)
        add_event(target, EventKind.MERGED, actor, merged=duplicate.reference)
    return duplicate
