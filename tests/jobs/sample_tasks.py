"""Tasks registered by the job tests (tasks must live at module level to be importable)."""

from __future__ import annotations

from django.core.cache import cache
from django_tasks import task

from anliegen.jobs.models import PeriodicJob

FLAKY_KEY = "tests.jobs.flaky"


@task()
def count_run() -> int:
    """Leaves a trace in the database that a worker really ran it."""
    return PeriodicJob.objects.filter(name="test.count").count()


@task()
def always_fails() -> None:
    raise RuntimeError("Fachverfahren nicht erreichbar")


@task()
def fails_once() -> str:
    if not cache.get(FLAKY_KEY):
        cache.set(FLAKY_KEY, True)
        raise RuntimeError("first attempt fails")
    return "ok"
