"""Deadline clock of a ticket: due dates in the office's business hours, pause and resume.

Called by the actions inside their transaction; no writes of its own beyond the ticket fields.
"""

from __future__ import annotations

from datetime import datetime

from anliegen.catalog.models import Service
from anliegen.core.business_time import (
    add_business_days,
    add_business_hours,
    business_time_between,
)
from anliegen.organization.hours import office_hours_for

from .models import Ticket
from .status import Status

DEFAULT_FIRST_RESPONSE_HOURS = 16
DEFAULT_RESOLUTION_DAYS = 10
PAUSING_STATUSES = frozenset({Status.WAITING_CITIZEN})


def set_deadlines(ticket: Ticket, service: Service | None, start: datetime) -> None:
    """First response and resolution due, counted in the office hours of the ticket's unit."""
    hours = service.sla_first_response_hours if service else DEFAULT_FIRST_RESPONSE_HOURS
    days = service.sla_resolution_days if service else DEFAULT_RESOLUTION_DAYS
    office = office_hours_for(ticket.org_unit_id)
    ticket.first_response_due = add_business_hours(start, hours, office)
    ticket.resolution_due = add_business_days(start, days, office)
    ticket.escalation_level = 0


def follow_clock(ticket: Ticket, previous: str, now: datetime) -> None:
    """Pause the clock on entering a waiting-for-citizen status; on leaving, shift the due
    dates by the business time that passed while paused."""
    pausing = ticket.status in PAUSING_STATUSES
    if pausing and previous not in PAUSING_STATUSES:
        ticket.clock_paused_at = now
        return
    if pausing or ticket.clock_paused_at is None:
        return
    office = office_hours_for(ticket.org_unit_id)
    paused = business_time_between(ticket.clock_paused_at, now, office)
    hours = paused.total_seconds() / 3600
    ticket.clock_paused_at = None
    if hours <= 0:
        return
    if ticket.first_responded_at is None and ticket.first_response_due is not None:
        ticket.first_response_due = add_business_hours(ticket.first_response_due, hours, office)
    if ticket.resolution_due is not None:
        ticket.resolution_due = add_business_hours(ticket.resolution_due, hours, office)
