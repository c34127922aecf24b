"""Finished background tasks are deleted after a while: their arguments and results may hold
personal data (a ticket id with an address hash, a mail id), and nobody needs them later."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

FINISHED = (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)


def delete_finished_tasks(now: datetime) -> int:
    """Delete task rows that finished more than TASK_RESULT_RETENTION_DAYS ago; rows still
    queued or running stay, whatever their age."""
    cutoff = now - timedelta(days=settings.TASK_RESULT_RETENTION_DAYS)
    deleted, _ = DBTaskResult.objects.filter(status__in=FINISHED, finished_at__lt=cutoff).delete()
    return deleted


@task()
def delete_old_task_results() -> int:
    """Periodic (jobs.delete_finished_tasks)."""
    return delete_finished_tasks(timezone.now())
