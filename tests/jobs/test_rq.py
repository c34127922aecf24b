"""The job tests against the Redis/RQ backend (local Redis, database 5, a queue of its own)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from anliegen.jobs.scheduler import tick

from .test_scheduler import only_test_jobs

rq = pytest.importorskip("django_rq")
redis = pytest.importorskip("redis")

QUEUE = "anliegen-jobs-test"
REDIS_URL = "redis://127.0.0.1:6379/5"
T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


@pytest.fixture
def rq_backend(settings: Any, test_jobs: None) -> Iterator[Any]:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379 (bin/setup installs redis-server)")
    settings.RQ_QUEUES = {QUEUE: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [QUEUE]}}
    settings.PERIODIC_JOBS_QUEUE = QUEUE
    queue = rq.get_queue(QUEUE)
    _empty(queue)
    yield queue
    _empty(queue)


def _empty(queue: Any) -> None:
    from rq.registry import FailedJobRegistry, FinishedJobRegistry, ScheduledJobRegistry

    queue.empty()
    for registry in (FailedJobRegistry, FinishedJobRegistry, ScheduledJobRegistry):
        for job_id in registry(queue=queue).get_job_ids():
            registry(queue=queue).remove(job_id, delete_job=True)


def _names(jobs: list[Any]) -> list[str]:
    return sorted(job.args[0] for job in jobs)


@pytest.mark.django_db(transaction=True)
def test_rq_worker_runs_jobs_once_and_retries_failures(rq_backend: Any) -> None:
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker
    from rq.registry import FailedJobRegistry, FinishedJobRegistry, ScheduledJobRegistry

    only_test_jobs()
    assert sorted(tick(T0)) == ["test.count", "test.failing", "test.flaky"]
    assert tick(T0 + timedelta(minutes=5)) == []
    assert _names(rq_backend.get_jobs()) == ["test.count", "test.failing", "test.flaky"]

    worker = SimpleWorker([rq_backend], connection=rq_backend.connection, job_class=Job)
    worker.work(burst=True)

    finished = FinishedJobRegistry(queue=rq_backend).get_job_ids()
    failed = FailedJobRegistry(queue=rq_backend).get_job_ids()
    assert len(finished) == 1  # test.count
    assert len(failed) == 2  # the failing and the flaky job, visible as failed
    scheduled = [
        Job.fetch(job_id, connection=rq_backend.connection)
        for job_id in ScheduledJobRegistry(queue=rq_backend).get_job_ids()
    ]
    assert sorted((job.args[0], job.args[1]) for job in scheduled) == [
        ("test.failing", 2),
        ("test.flaky", 2),
    ]


@pytest.mark.django_db(transaction=True)
def test_concurrent_schedulers_put_one_rq_job_per_period(rq_backend: Any) -> None:
    only_test_jobs()
    periods = [T0 + timedelta(minutes=10 * k) for k in range(3)]
    barriers = [threading.Barrier(3) for _ in periods]
    errors: list[BaseException] = []

    def scheduler() -> None:
        from django.db import connection

        try:
            for moment, barrier in zip(periods, barriers, strict=True):
                barrier.wait(timeout=30)
                tick(moment)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    names = _names(rq_backend.get_jobs())
    assert names.count("test.count") == 3
    assert names.count("test.failing") == 1
