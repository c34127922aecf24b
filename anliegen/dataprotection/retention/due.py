"""Which tickets have outlived their retention period, found in keyset batches."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, QuerySet

from anliegen.catalog.models import Service
from anliegen.privacy.models import ArchiveOfferItem, RetentionRule
from anliegen.tickets import access
from anliegen.tickets.models import Ticket
from anliegen.tickets.status import FINISHED_STATUSES

DEFAULT_CLASS = Service.RetentionClass.STANDARD.value


@dataclass(frozen=True)
class DueGroup:
    """Due tickets of one retention class and sensitivity."""

    rule: RetentionRule
    sensitive: bool
    tickets: QuerySet[Ticket]

    @property
    def label(self) -> str:
        return f"{self.rule.retention_class}{' (geschützt)' if self.sensitive else ''}"


def due_groups(now: datetime) -> list[DueGroup]:
    """Per rule and sensitivity, the finished tickets past their period and not yet offered."""
    offered = ArchiveOfferItem.objects.filter(ticket_id=OuterRef("pk"))
    groups = []
    for rule in RetentionRule.objects.all():
        for sensitive in (False, True):
            days = rule.sensitive_period_days if sensitive else rule.period_days
            tickets = access.finished_tickets(
                retention_class=rule.retention_class,
                with_unclassified=rule.retention_class == DEFAULT_CLASS,
                started_field=(
                    "created_at" if rule.start == RetentionRule.Start.CREATED else "resolved_at"
                ),
                cutoff=now - timedelta(days=days),
                sensitive=sensitive,
            ).exclude(Exists(offered))
            groups.append(DueGroup(rule, sensitive, tickets))
    return groups


def batches(tickets: QuerySet[Ticket], size: int) -> Iterator[list[int]]:
    """Ticket ids in ascending batches; each batch is one short query, no cursor held."""
    last = 0
    while True:
        ids = list(tickets.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return
        yield ids
        last = ids[-1]


def retention_deadline(ticket: Ticket) -> datetime | None:
    """When ``ticket``'s retention period ends, or None while it is still open."""
    retention_class = ticket.service.retention_class if ticket.service else DEFAULT_CLASS
    rule = RetentionRule.objects.filter(retention_class=retention_class).first()
    if rule is None:
        return None
    start = ticket.created_at if rule.start == RetentionRule.Start.CREATED else ticket.resolved_at
    if start is None or ticket.status not in FINISHED_STATUSES:
        return None
    days = rule.sensitive_period_days if ticket.is_sensitive else rule.period_days
    return start + timedelta(days=days)
