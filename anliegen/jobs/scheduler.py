"""Enqueue each due periodic job exactly once per period, however many schedulers run."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import PeriodicJob
from .registry import PeriodicSpec, periodic_jobs
from .tasks import run_periodic


def _row(spec: PeriodicSpec, now: datetime) -> PeriodicJob:
    """The job's row; a new job is due at once."""
    try:
        with transaction.atomic():
            row, _created = PeriodicJob.objects.get_or_create(
                name=spec.name, defaults={"interval": spec.every, "next_run": now}
            )
    except IntegrityError:
        # Another scheduler created it between our read and insert.
        row = PeriodicJob.objects.get(name=spec.name)
    return row


def _next_run(row: PeriodicJob, now: datetime) -> datetime:
    """Keep the rhythm (previous slot + interval) unless runs were missed; then start anew."""
    following = row.next_run + row.interval
    return following if following > now else now + row.interval


def _claim_and_enqueue(row: PeriodicJob, now: datetime) -> bool:
    with transaction.atomic():
        # Compare-and-swap on next_run: of several schedulers reading the same row, only
        # the first UPDATE matches; the others see the moved next_run and match nothing.
        claimed = PeriodicJob.objects.filter(pk=row.pk, enabled=True, next_run=row.next_run).update(
            next_run=_next_run(row, now), last_enqueued_at=now, runs=F("runs") + 1
        )
        if not claimed:
            return False
        result = run_periodic.using(queue_name=settings.PERIODIC_JOBS_QUEUE).enqueue(row.name)
        PeriodicJob.objects.filter(pk=row.pk).update(last_result_id=str(result.id)[:64])
    return True


def tick(now: datetime | None = None) -> list[str]:
    """Enqueue every registered job that is due; returns the names this call enqueued."""
    now = now or timezone.now()
    enqueued = []
    for spec in periodic_jobs():
        row = _row(spec, now)
        if row.enabled and row.next_run <= now and _claim_and_enqueue(row, now):
            enqueued.append(spec.name)
    return enqueued
