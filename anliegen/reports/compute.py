"""Fill DailyFigure and DurationFigure for given days, idempotently (delete and rebuild)."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.utils import timezone

from anliegen.core.business_time import BERLIN
from anliegen.defects.models import Feedback
from anliegen.tickets.models import EventKind, Ticket, TicketEvent

from .buckets import bucket_of
from .models import DailyFigure, DurationFigure

Key = tuple[int | None, int | None, str]
DIMENSIONS = ("org_unit_id", "service_id", "channel")
BACKLOG_AGE_DAYS = 7


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), BERLIN)
    end = datetime.combine(day + timedelta(days=1), time(0), BERLIN)
    return start, end


def _routed(method: str) -> Exists:
    return Exists(
        TicketEvent.objects.filter(
            ticket_id=OuterRef("pk"), kind=EventKind.ROUTED, data__method=method
        )
    )


def _key(row: dict[str, Any]) -> Key:
    return (row["org_unit_id"], row["service_id"], row["channel"])


def _counts(start: datetime, end: datetime) -> dict[Key, dict[str, int]]:
    figures: dict[Key, dict[str, int]] = defaultdict(dict)
    created = (
        Ticket.objects.filter(created_at__gte=start, created_at__lt=end)
        .annotate(auto=_routed("auto"), manual=_routed("manual"))
        .values(*DIMENSIONS)
        .annotate(
            incoming=Count("pk"),
            auto_routed=Count("pk", filter=Q(auto=True)),
            rerouted=Count("pk", filter=Q(auto=True, manual=True)),
        )
    )
    responded = (
        Ticket.objects.filter(first_responded_at__gte=start, first_responded_at__lt=end)
        .values(*DIMENSIONS)
        .annotate(
            responded=Count("pk"),
            responded_in_time=Count(
                "pk", filter=Q(first_responded_at__lte=F("first_response_due"))
            ),
        )
    )
    resolved = (
        Ticket.objects.filter(resolved_at__gte=start, resolved_at__lt=end)
        .values(*DIMENSIONS)
        .annotate(
            resolved=Count("pk"),
            resolved_in_time=Count("pk", filter=Q(resolved_at__lte=F("resolution_due"))),
        )
    )
    for query in (created, responded, resolved):
        for row in query.order_by():
            figures[_key(row)].update({k: v for k, v in row.items() if k not in DIMENSIONS})
    _effort(figures, start, end)
    _feedback(figures, start, end)
    # The backlog snapshot per office only (service None, channel ""): per service and
    # channel it would repeat every open combination on every day.
    backlog = _open_at(end).values("org_unit_id").annotate(n=Count("pk")).order_by()
    for row in backlog:
        figures[(row["org_unit_id"], None, "")]["open_at_end"] = row["n"]
    return figures


def _effort(figures: dict[Key, dict[str, int]], start: datetime, end: datetime) -> None:
    """Recorded staff minutes: per day of recording, and per ticket on its resolution day."""
    recorded = TicketEvent.objects.filter(
        kind=EventKind.EFFORT_RECORDED, created_at__gte=start, created_at__lt=end
    ).values_list("ticket__org_unit_id", "ticket__service_id", "ticket__channel", "data")
    for unit, service, channel, data in recorded:
        row = figures[(unit, service, channel)]
        row["effort_minutes"] = row.get("effort_minutes", 0) + int(data.get("minutes", 0))
        row["effort_entries"] = row.get("effort_entries", 0) + 1
    per_ticket: dict[int, int] = defaultdict(int)
    keys: dict[int, Key] = {}
    resolved = TicketEvent.objects.filter(
        kind=EventKind.EFFORT_RECORDED,
        ticket__resolved_at__gte=start,
        ticket__resolved_at__lt=end,
    ).values_list(
        "ticket_id", "ticket__org_unit_id", "ticket__service_id", "ticket__channel", "data"
    )
    for ticket_id, unit, service, channel, data in resolved:
        per_ticket[ticket_id] += int(data.get("minutes", 0))
        keys[ticket_id] = (unit, service, channel)
    for ticket_id, minutes in per_ticket.items():
        row = figures[keys[ticket_id]]
        row["effort_resolved_minutes"] = row.get("effort_resolved_minutes", 0) + minutes
        row["resolved_with_effort"] = row.get("resolved_with_effort", 0) + 1


def _feedback(figures: dict[Key, dict[str, int]], start: datetime, end: datetime) -> None:
    """Answers to „Wurde Ihr Anliegen gelöst?“ given that day. Office and service are the
    copies on the answer (they outlive the ticket); the channel is the ticket's while it
    exists."""
    answers = (
        Feedback.objects.filter(created_at__gte=start, created_at__lt=end)
        .values("org_unit_id", "service_id", "ticket__channel")
        .annotate(
            feedback=Count("pk"),
            feedback_solved=Count("pk", filter=Q(solved=True)),
            feedback_rated=Count("rating"),
            rating_sum=Sum("rating"),
        )
        .order_by()
    )
    for row in answers:
        target = figures[(row["org_unit_id"], row["service_id"], row["ticket__channel"] or "")]
        for key in ("feedback", "feedback_solved", "feedback_rated", "rating_sum"):
            target[key] = target.get(key, 0) + int(row[key] or 0)


def _open_at(moment: datetime) -> Any:
    """Tickets received before ``moment`` and not resolved by then."""
    return Ticket.objects.filter(created_at__lt=moment).filter(
        Q(resolved_at__isnull=True) | Q(resolved_at__gte=moment)
    )


def _durations(
    start: datetime, end: datetime, with_age: bool
) -> Counter[tuple[int | None, str, int]]:
    histogram: Counter[tuple[int | None, str, int]] = Counter()
    metric = DurationFigure.Metric
    for unit, created, answered in Ticket.objects.filter(
        first_responded_at__gte=start, first_responded_at__lt=end
    ).values_list("org_unit_id", "created_at", "first_responded_at"):
        if answered is not None:
            histogram[(unit, metric.FIRST_RESPONSE, bucket_of(answered - created))] += 1
    for unit, created, resolved in Ticket.objects.filter(
        resolved_at__gte=start, resolved_at__lt=end
    ).values_list("org_unit_id", "created_at", "resolved_at"):
        if resolved is not None:
            histogram[(unit, metric.RESOLUTION, bucket_of(resolved - created))] += 1
    if with_age:
        for unit, created in _open_at(end).values_list("org_unit_id", "created_at").iterator():
            histogram[(unit, metric.BACKLOG_AGE, bucket_of(end - created))] += 1
    return histogram


def refresh_day(day: date) -> int:
    """Rebuild the figures of one local day; returns the number of DailyFigure rows."""
    start, end = day_bounds(day)
    counts = _counts(start, end)
    # The age of the backlog is kept for recent days only: it answers "how old is what is
    # open now", and one row per office and age bucket for every past day adds up.
    with_age = day >= timezone.localdate() - timedelta(days=BACKLOG_AGE_DAYS)
    histogram = _durations(start, end, with_age)
    with transaction.atomic():
        DailyFigure.objects.filter(date=day).delete()
        DurationFigure.objects.filter(date=day).delete()
        DailyFigure.objects.bulk_create(
            [
                DailyFigure(date=day, org_unit_id=unit, service_id=service, channel=channel, **v)
                for (unit, service, channel), v in counts.items()
            ],
            batch_size=1000,
        )
        DurationFigure.objects.bulk_create(
            [
                DurationFigure(date=day, org_unit_id=unit, metric=m, bucket=b, count=n)
                for (unit, m, b), n in histogram.items()
            ],
            batch_size=1000,
        )
    return len(counts)


def refresh_days(first: date, last: date) -> int:
    rows = 0
    day = first
    while day <= last:
        rows += refresh_day(day)
        day += timedelta(days=1)
    return rows
