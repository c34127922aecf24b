"""Reading the audit log for the data protection officer: filters and CSV export."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from anliegen.privacy.models import AuditEvent

CSV_COLUMNS = ["created_at", "actor", "action", "ticket_id", "detail"]


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""
    action: str = ""
    ticket_id: int | None = None
    since: date | None = None
    until: date | None = None

    def apply(self, events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        if self.actor:
            events = events.filter(actor_label__icontains=self.actor)
        if self.action:
            events = events.filter(action__startswith=self.action)
        if self.ticket_id is not None:
            events = events.filter(ticket_id=self.ticket_id)
        if self.since:
            events = events.filter(created_at__gte=_start(self.since))
        if self.until:
            events = events.filter(created_at__lt=_start(self.until) + timedelta(days=1))
        return events

    def as_detail(self) -> dict[str, str]:
        return {k: str(v) for k, v in self.__dict__.items() if v not in (None, "")}


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered(criteria: AuditFilter) -> QuerySet[AuditEvent]:
    return criteria.apply(AuditEvent.objects.all()).order_by("-created_at", "-pk")


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())


def as_csv(events: QuerySet[AuditEvent]) -> str:
    """The events as CSV; cells that a spreadsheet would run as a formula are quoted."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for event in events.iterator(chunk_size=2000):
        row = [
            event.created_at.isoformat(),
            event.actor_label,
            event.action,
            "" if event.ticket_id is None else str(event.ticket_id),
            json.dumps(event.detail, ensure_ascii=False, default=str),
        ]
        writer.writerow([_defuse(cell) for cell in row])
    return out.getvalue()


def _defuse(cell: str) -> str:
    return "'" + cell if cell[:1] in {"=", "+", "-", "@"} else cell
