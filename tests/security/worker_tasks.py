"""Tasks for the worker fault tests: each attempt and completion leaves a line in a file,
and the task writes to the database like a real one (a periodic-job row)."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from django_tasks import task

from anliegen.jobs.models import PeriodicJob


@task()
def mark(name: str, first_attempt_seconds: float) -> None:
    folder = Path(os.environ["FAULT_MARKERS"])
    started = folder / f"{name}.started"
    first = not started.exists()
    with started.open("a") as handle:
        handle.write(f"{os.getpid()}\n")
    time.sleep(first_attempt_seconds if first else 0.0)
    PeriodicJob.objects.update_or_create(
        name=f"fault.{name}",
        defaults={"interval": timedelta(hours=1), "next_run": timezone.now(), "enabled": False},
    )
    with (folder / f"{name}.done").open("a") as handle:
        handle.write(f"{os.getpid()}\n")
