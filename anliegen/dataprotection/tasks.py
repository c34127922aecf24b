"""Background tasks of the privacy app (django-tasks). Schedule ``run_retention`` nightly."""

from __future__ import annotations

from django_tasks import task

from .retention.job import run


@task()
def run_retention(dry_run: bool = False, batch_size: int = 500) -> dict[str, object]:
    """The retention run as a background task; returns the report."""
    return run(dry_run=dry_run, batch_size=batch_size).as_dict()
