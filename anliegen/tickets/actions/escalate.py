"""Escalation of deadlines: reminder to the assignee, then the office lead, then overdue.

Each step fires once per ticket (``Ticket.escalation_level``) and writes an ``escalated``
timeline event; the e-mail interface sends the notices for that event.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from django.db import transaction
from django.db.models import Q

from anliegen.core.business_time import BERLIN, add_business_days
from anliegen.organization.hours import office_hours_for
from anliegen.organization.models import Membership, OrgUnit

from ..actors import Actor
from ..deadlines import PAUSING_STATUSES
from ..models import EventKind, Ticket, TicketEvent
from ..status import OPEN_STATUSES
from ._common import add_event, lock


class Step(StrEnum):
    ASSIGNEE = "assignee"
    LEAD = "lead"
    OVERDUE = "overdue"


STEPS = (Step.ASSIGNEE, Step.LEAD, Step.OVERDUE)
ESCALATION_ACTOR = Actor.system("job:escalation")


def step_level(step: Step) -> int:
    return STEPS.index(step) + 1


def _leads(unit_id: int | None) -> list[int]:
    """Leads of the unit, else of the nearest unit above it that has any."""
    seen: set[int] = set()
    while unit_id is not None and unit_id not in seen:
        seen.add(unit_id)
        leads = list(
            Membership.objects.filter(
                org_unit_id=unit_id, role=Membership.Role.LEAD, user__is_active=True
            )
            .order_by("user_id")
            .values_list("user_id", flat=True)
        )
        if leads:
            return leads
        unit_id = OrgUnit.objects.filter(pk=unit_id).values_list("parent_id", flat=True).first()
    return []


def recipients(ticket: Ticket, step: Step) -> list[int]:
    if step != Step.ASSIGNEE:
        return _leads(ticket.org_unit_id)
    if ticket.assignee_id is not None:
        return [ticket.assignee_id]
    # Nobody took it yet: everyone in the office's queue is reminded.
    return list(
        Membership.objects.filter(org_unit_id=ticket.org_unit_id, user__is_active=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )


def step_due_at(ticket: Ticket, step: Step) -> datetime | None:
    """When ``step`` becomes due: the assignee on the morning of the due day (or when the
    first response is due), the lead when resolution is due, overdue one working day later."""
    resolution = ticket.resolution_due
    if resolution is None:
        return None
    office = office_hours_for(ticket.org_unit_id)
    if step == Step.ASSIGNEE:
        window = office.window(resolution.astimezone(BERLIN).date())
        morning = window[0] if window is not None and window[0] < resolution else resolution
        if ticket.first_responded_at is None and ticket.first_response_due is not None:
            return min(morning, ticket.first_response_due)
        return morning
    if step == Step.LEAD:
        return resolution
    return add_business_days(resolution, 1, office)


def escalate_ticket(ticket: Ticket, actor: Actor, step: Step) -> TicketEvent | None:
    """Record escalation ``step`` unless it (or a later one) already fired."""
    with transaction.atomic():
        ticket = lock(ticket)
        if ticket.escalation_level >= step_level(step):
            return None
        ticket.escalation_level = step_level(step)
        ticket.save(update_fields=["escalation_level", "updated_at"])
        return add_event(
            ticket,
            EventKind.ESCALATED,
            actor,
            step=step.value,
            recipient_ids=recipients(ticket, step),
        )


def candidates(now: datetime) -> Q:
    """Open, running-clock tickets that may have a step due (a cheap pre-filter)."""
    soon = now + timedelta(days=1)
    return Q(status__in=list(OPEN_STATUSES - PAUSING_STATUSES), escalation_level__lt=len(STEPS)) & (
        Q(resolution_due__lte=soon)
        | Q(first_responded_at__isnull=True, first_response_due__lte=now)
    )


def escalate_due(now: datetime) -> int:
    """Fire every step that is due at ``now``, in order; returns how many fired."""
    fired = 0
    for ticket in Ticket.objects.filter(candidates(now)).order_by("pk").iterator():
        for step in STEPS[ticket.escalation_level :]:
            due = step_due_at(ticket, step)
            if due is None or due > now:
                break
            if escalate_ticket(ticket, ESCALATION_ACTOR, step) is not None:
                fired += 1
    return fired
