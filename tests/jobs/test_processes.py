"""Two schedulers and two database workers as real processes against one database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from anliegen.jobs.models import PeriodicJob

ROOT = Path(__file__).resolve().parents[2]
FAST = timedelta(seconds=2)
RUN_FOR = 7.0


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _spawn(*command: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": _database_url(), "TASK_BACKEND": "database"}
    return subprocess.Popen(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_and_two_workers_run_each_job_once_per_period() -> None:
    now = timezone.now()
    # The admin switches retraining off (no catalogue here) and lets the deadline check run
    # every two seconds so that several periods pass during the test.
    PeriodicJob.objects.create(name="routing.retrain", interval=FAST, next_run=now, enabled=False)
    PeriodicJob.objects.create(name="tickets.check_deadlines", interval=FAST, next_run=now)
    started = time.monotonic()
    processes = [_spawn("run_scheduler", "--interval", "0.2") for _ in range(2)]
    processes += [_spawn("db_worker", "--interval", "0.2", "--no-startup-delay") for _ in range(2)]
    # Start-up takes seconds on a busy machine: wait for the first runs, then let it work.
    for _ in range(300):
        if DBTaskResult.objects.filter(status="SUCCESSFUL").count() >= 2:
            break
        time.sleep(0.2)
    time.sleep(RUN_FOR)
    for process in processes:
        process.terminate()
    for process in processes:
        _out, err = process.communicate(timeout=30)
        assert b"Traceback" not in err, err.decode()
    elapsed = time.monotonic() - started

    runs = list(
        DBTaskResult.objects.filter(task_path="anliegen.jobs.tasks.run_periodic").order_by(
            "enqueued_at"
        )
    )
    by_name: dict[str, list[DBTaskResult[..., object]]] = {}
    for run in runs:
        by_name.setdefault(run.args_kwargs["args"][0], []).append(run)
    # Daily and half-hourly jobs: exactly one run although two schedulers were polling.
    assert len(by_name["reports.staff_digest"]) == 1
    assert len(by_name["reports.refresh_figures"]) == 1
    assert "routing.retrain" not in by_name
    # The two-second job: at most one run per period, and several periods passed.
    deadline_runs = by_name["tickets.check_deadlines"]
    assert 2 <= len(deadline_runs) <= int(elapsed / FAST.total_seconds()) + 1
    # Every run was picked up by exactly one worker and succeeded.
    for run in runs:
        run.refresh_from_db()
        if run.status == "SUCCESSFUL":
            assert len(run.worker_ids) == 1
    assert sum(run.status == "SUCCESSFUL" for run in runs) >= len(runs) - 1
    assert PeriodicJob.objects.get(name="tickets.check_deadlines").runs == len(deadline_runs)
