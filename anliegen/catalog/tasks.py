"""Background tasks of the catalogue (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from .links import check_all


@task()
def check_catalogue_links() -> dict[str, int]:
    """Weekly: which online-service and appointment links answer (catalogue health page)."""
    return check_all()
