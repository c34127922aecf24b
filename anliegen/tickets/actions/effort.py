"""Zeiterfassung: staff record how long they worked on a concern.

Recording is optional and per entry, so the reports show handling time only where offices
measure it, and never guess it from page views.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from anliegen.core.errors import ValidationFailed
from anliegen.core.text import normalise_line

from ..actors import Actor
from ..models import EventKind, Ticket, TicketEvent
from ._common import add_event, lock, require_work

# One entry covers at most a working day; longer work is recorded per day.
MAX_EFFORT_MINUTES = 600
MAX_NOTE = 200


def record_effort(ticket: Ticket, actor: Actor, minutes: int, *, note: str = "") -> TicketEvent:
    """Add one effort entry (minutes of staff time) to the ticket's timeline."""
    if not actor.is_staff:
        raise ValidationFailed(_("Nur Mitarbeitende erfassen Aufwand."))
    if not 1 <= minutes <= MAX_EFFORT_MINUTES:
        raise ValidationFailed(
            _("Bitte geben Sie den Aufwand in Minuten an (1 bis %(max)d).")
            % {"max": MAX_EFFORT_MINUTES}
        )
    note = normalise_line(note)
    if len(note) > MAX_NOTE:
        raise ValidationFailed(_("Die Bemerkung ist zu lang (höchstens 200 Zeichen)."))
    with transaction.atomic():
        ticket = lock(ticket)
        require_work(actor, ticket)
        return add_event(ticket, EventKind.EFFORT_RECORDED, actor, minutes=minutes, note=note)
