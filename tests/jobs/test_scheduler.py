"""The scheduler enqueues each due periodic job once per period; failures retry with backoff."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from anliegen.jobs.models import PeriodicJob
from anliegen.jobs.registry import periodic_jobs
from anliegen.jobs.scheduler import tick

T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


def only_test_jobs() -> None:
    """Switch the project's own jobs off (as an admin would) so the worker runs only ours."""
    for spec in periodic_jobs():
        if not spec.name.startswith("test."):
            PeriodicJob.objects.create(
                name=spec.name, interval=spec.every, next_run=T0, enabled=False
            )


def enqueued_names() -> Counter[str]:
    rows = DBTaskResult.objects.filter(task_path="anliegen.jobs.tasks.run_periodic")
    return Counter(row.args_kwargs["args"][0] for row in rows)


def test_apps_register_their_periodic_jobs() -> None:
    names = {spec.name for spec in periodic_jobs()}
    assert {
        "tickets.check_deadlines",
        "routing.retrain",
        "reports.refresh_figures",
        "reports.staff_digest",
        "email.fetch",
        "portal.purge_drafts",
        "privacy.retention",
    } <= names


@pytest.mark.django_db
def test_each_job_once_per_period(test_jobs: None) -> None:
    assert "test.count" in tick(T0)
    assert "test.count" not in tick(T0 + timedelta(minutes=9))
    assert "test.count" in tick(T0 + timedelta(minutes=10))
    # A scheduler that was down for an hour catches up with one run, not six.
    assert "test.count" in tick(T0 + timedelta(minutes=75))
    assert "test.count" not in tick(T0 + timedelta(minutes=80))
    assert enqueued_names()["test.count"] == 3
    job = PeriodicJob.objects.get(name="test.count")
    assert job.next_run == T0 + timedelta(minutes=85)


@pytest.mark.django_db
def test_admin_edits_interval_and_disables(test_jobs: None) -> None:
    tick(T0)
    PeriodicJob.objects.filter(name="test.count").update(interval=timedelta(minutes=1))
    assert "test.count" in tick(T0 + timedelta(minutes=10))
    assert "test.count" in tick(T0 + timedelta(minutes=11))
    PeriodicJob.objects.filter(name="test.count").update(enabled=False)
    assert "test.count" not in tick(T0 + timedelta(minutes=30))


@pytest.mark.django_db(transaction=True)
def test_concurrent_schedulers_enqueue_once_per_period(test_jobs: None) -> None:
    """Four scheduler threads with their own connections race through six periods."""
    periods = [T0 + timedelta(minutes=10 * k) for k in range(6)]
    errors: list[BaseException] = []

    def scheduler(barriers: list[threading.Barrier]) -> None:
        from django.db import connection

        try:
            for moment, barrier in zip(periods, barriers, strict=True):
                barrier.wait(timeout=30)
                tick(moment)
        except BaseException as error:  # reported to the main thread below
            errors.append(error)
        finally:
            connection.close()

    barriers = [threading.Barrier(4) for _ in periods]
    threads = [threading.Thread(target=scheduler, args=(barriers,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    counts = enqueued_names()
    assert counts["test.count"] == 6  # one per 10-minute period
    assert counts["test.failing"] == 1  # hourly: only the first period
    # Every 15 minutes: the slots 0, 15, 30, 45 are picked up at the ticks 0, 20, 30, 50.
    assert counts["tickets.check_deadlines"] == 4


@pytest.mark.django_db(transaction=True)
def test_worker_runs_job_and_failure_retries_with_backoff(test_jobs: None) -> None:
    only_test_jobs()
    with time_machine.travel(T0, tick=False):
        tick(T0)
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    results = {
        row.args_kwargs["args"][0]: row
        for row in DBTaskResult.objects.filter(task_path="anliegen.jobs.tasks.run_periodic")
    }
    assert results["test.count"].status == "SUCCESSFUL"
    failed = results["test.failing"]
    assert failed.status == "FAILED"
    assert "Fachverfahren nicht erreichbar" in failed.traceback
    retry = DBTaskResult.objects.get(
        task_path="anliegen.jobs.tasks.run_periodic",
        args_kwargs__args=["test.failing", 2],
    )
    assert retry.status == "READY"
    assert retry.run_after > failed.finished_at + timedelta(seconds=59)


@pytest.mark.django_db
def test_retries_stop_after_max_attempts(test_jobs: None) -> None:
    from anliegen.jobs.tasks import run_periodic

    with pytest.raises(RuntimeError):
        run_periodic.call("test.failing", 4)
    assert not DBTaskResult.objects.filter(args_kwargs__args=["test.failing", 5]).exists()


@pytest.mark.django_db(transaction=True)
def test_admin_sees_failed_runs(test_jobs: None, admin_client) -> None:
    only_test_jobs()
    tick(T0)
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    response = admin_client.get("/admin/django_tasks_database/dbtaskresult/?status__exact=FAILED")
    assert response.status_code == 200
    assert "run_periodic" in response.content.decode()
    response = admin_client.get("/admin/jobs/periodicjob/")
    assert "test.failing" in response.content.decode()
