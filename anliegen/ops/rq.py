"""The RQ queue of the production deployment: every job carries retries.

A worker killed mid-job (SIGKILL, out of memory, power loss) leaves its job in RQ's "started"
registry. When the job's heartbeat has expired, the maintenance pass of any worker (every ten
minutes by default) treats it as abandoned: with retries left it is queued again, without
them it would only be marked failed. django-tasks-rq enqueues without retries, so this queue
class adds them; tasks must therefore be idempotent (they are: each re-reads its ticket).
"""

from __future__ import annotations

from typing import Any

from django_rq.queues import DjangoRQ
from rq import Retry
from rq.job import Job

# First retry at once (the common case: the worker died), then after one and five minutes.
RETRY_INTERVALS = [0, 60, 300]


class RetryingQueue(DjangoRQ):
    def create_job(self, *args: Any, **kwargs: Any) -> Job:
        if kwargs.get("retry") is None:
            kwargs["retry"] = Retry(max=len(RETRY_INTERVALS), interval=RETRY_INTERVALS)
        return super().create_job(*args, **kwargs)
