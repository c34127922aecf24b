"""The one task the scheduler enqueues: run a registered job, retrying with backoff."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .registry import backoff, get_periodic

logger = logging.getLogger(__name__)


@task()
def run_periodic(name: str, attempt: int = 1) -> Any:
    """Run the periodic job ``name``. A failure enqueues the next attempt after a growing
    pause and is re-raised, so the failed run stays visible in the task results."""
    spec = get_periodic(name)
    if spec is None:
        logger.warning("periodic job %s is no longer registered", name)
        return None
    try:
        return spec.task.call()
    except Exception:
        if attempt < spec.max_attempts:
            retry_at = timezone.now() + backoff(attempt)
            run_periodic.using(queue_name=settings.PERIODIC_JOBS_QUEUE, run_after=retry_at).enqueue(
                name, attempt + 1
            )
            logger.warning(
                "periodic job %s failed (attempt %s), retry at %s", name, attempt, retry_at
            )
        else:
            logger.error("periodic job %s failed %s times, giving up", name, attempt)
        raise
