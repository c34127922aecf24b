"""Issue 19: finished background tasks do not keep their arguments (which may hold personal
data) for ever; a daily job deletes them after TASK_RESULT_RETENTION_DAYS."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from anliegen.jobs.registry import get_periodic
from anliegen.jobs.tasks import run_periodic
from anliegen.tickets.tasks import send_lost_link


@pytest.mark.django_db
def test_finished_task_rows_are_deleted_after_the_retention_period(settings: Any) -> None:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.TASK_RESULT_RETENTION_DAYS = 7
    now = timezone.now()
    rows = {}
    for name, status, finished in [
        ("old_done", TaskResultStatus.SUCCESSFUL, now - timedelta(days=8)),
        ("old_failed", TaskResultStatus.FAILED, now - timedelta(days=30)),
        ("new_done", TaskResultStatus.SUCCESSFUL, now - timedelta(days=6)),
        ("old_queued", TaskResultStatus.READY, None),
        ("old_running", TaskResultStatus.RUNNING, None),
    ]:
        result = send_lost_link.enqueue("2026-000001-X", name)
        DBTaskResult.objects.filter(pk=result.id).update(
            status=status, finished_at=finished, enqueued_at=now - timedelta(days=40)
        )
        rows[name] = result.id
    spec = get_periodic("jobs.delete_finished_tasks")
    assert spec is not None and spec.every == timedelta(days=1)
    # As the scheduler runs it (the immediate backend runs the job's real code at once).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    run_periodic.call("jobs.delete_finished_tasks")
    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert {str(pk) for pk in left} == {rows["new_done"], rows["old_queued"], rows["old_running"]}
