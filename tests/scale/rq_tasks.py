"""A task for the worker tests: notes each attempt and each completion in a folder.

The first attempt of a job may be told to take long, so that a test can kill its worker in
the middle; retries are quick.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def mark(name: str, first_attempt_seconds: float) -> None:
    folder = Path(os.environ["SCALE_MARKERS"])
    started = folder / f"{name}.started"
    first = not started.exists()
    with started.open("a") as handle:
        handle.write(f"{os.getpid()}\n")
    time.sleep(first_attempt_seconds if first else 0.1)
    with (folder / f"{name}.done").open("a") as handle:
        handle.write(f"{os.getpid()}\n")
