from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from anliegen.jobs import registry

from .sample_tasks import always_fails, count_run, fails_once


@pytest.fixture
def test_jobs() -> Iterator[None]:
    """Three extra periodic jobs for the duration of one test."""
    registry.register_periodic("test.count", count_run, every=timedelta(minutes=10))
    registry.register_periodic("test.failing", always_fails, every=timedelta(hours=1))
    registry.register_periodic("test.flaky", fails_once, every=timedelta(hours=1))
    yield
    for name in ("test.count", "test.failing", "test.flaky"):
        registry.unregister_periodic(name)


@pytest.fixture(autouse=True)
def _database_task_backend(settings: Any) -> None:
    """The job tests watch queued runs in the database worker's table, as in production."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
