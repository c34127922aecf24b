"""The embedded task worker (``manage.py db_worker``) made to survive its database.

django-tasks-db's worker (django_tasks_db/management/commands/db_worker.py) ignores a lock
only while it claims a task; a lock or a lost connection anywhere else (BEGIN of the claim,
a task's own write, recording the result) leaves its loop and ends the process, so mails and
jobs stop silently. This subclass keeps its loop and adds three things:

- a database error that means "unavailable for now" (anliegen/ops/dbstate.py) is waited out
  with exponential backoff and jitter, then the loop goes on in the same process;
- a task interrupted that way goes back to the queue instead of staying RUNNING or being
  recorded as FAILED for a lock that was not its fault;
- RUNNING tasks older than ``TASK_STALE_SECONDS`` (their worker was SIGKILLed or its machine
  died) are put back in the queue; after ``TASK_MAX_ATTEMPTS`` claims they fail for good, so
  that a task that kills its worker every time cannot loop forever.

Tasks therefore run at least once: they must be idempotent (the mail task is).
"""

from __future__ import annotations

import contextlib
import logging
import random
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from .dbstate import is_unavailable

log = logging.getLogger("anliegen.ops.worker")

BACKOFF_START = 0.5
BACKOFF_MAX = 30.0
RECLAIM_EVERY = 30.0  # seconds between looks for stale tasks
RUNNING = "RUNNING"


class ResilientWorker(Worker):
    _current: str | None = None

    def run(self) -> None:
        # An idle worker sits in the base loop: a thread of its own (with its own database
        # connection) looks for stale tasks meanwhile.
        # The thread ends with this loop: a thread left behind by a --batch run would log
        # into streams already closed at interpreter exit ("looking for stale tasks failed").
        done = threading.Event()
        reclaim = threading.Thread(target=self._reclaim_until, args=(done,), name="reclaim")
        reclaim.daemon = True
        reclaim.start()
        try:
            self._run_with_backoff()
        finally:
            done.set()
            reclaim.join(timeout=5)

    def _run_with_backoff(self) -> None:
        delay = BACKOFF_START
        while self.running:
            try:
                super().run()
                return  # --batch or --max-tasks ended the loop on purpose
            except Exception as exc:
                if not is_unavailable(exc):
                    raise
                log.warning(
                    "database unavailable (%s); worker %s retries in %.1f s",
                    exc,
                    self.worker_id,
                    delay,
                )
                self._forget_connections()
                # The interrupted task goes back to the queue before the loop claims again:
                # re-entering the base loop first would leave it RUNNING until the stale
                # reclaim whenever the database came back between two attempts.
                while True:
                    time.sleep(delay * (0.5 + random.random()))  # jitter, no secret
                    delay = min(delay * 2, BACKOFF_MAX)
                    if self._requeue_current() or not self.running:
                        break
                delay = BACKOFF_START

    def run_task(self, db_task_result: DBTaskResult) -> None:  # type: ignore[type-arg]
        record_failure = db_task_result.set_failed

        def set_failed(exc: BaseException) -> None:
            # A task that failed because the database was away did nothing wrong: leave the
            # base worker's loop instead of recording it, and queue it again (run()).
            if is_unavailable(exc):
                raise exc
            record_failure(exc)

        db_task_result.set_failed = set_failed
        self._current = str(db_task_result.pk)
        super().run_task(db_task_result)  # an exception leaves _current for run() to requeue
        self._current = None

    def _reclaim_until(self, done: threading.Event) -> None:
        every = min(RECLAIM_EVERY, settings.TASK_STALE_SECONDS / 2)
        while self.running and not done.is_set():
            try:
                reclaim_stale_tasks(self.backend_name)
            except Exception as exc:  # the database may be away: the main loop waits it out
                log.warning("looking for stale tasks failed: %s", exc)
            finally:
                connections.close_all()  # this thread's connections only
            done.wait(every)

    def _requeue_current(self) -> bool:
        """Put the task the database error interrupted back in the queue, once it answers."""
        if self._current is None:
            return True
        try:
            DBTaskResult.objects.filter(pk=self._current, status=RUNNING).update(
                status="READY", started_at=None
            )
        except Exception as exc:
            if not is_unavailable(exc):
                raise
            self._forget_connections()
            return False
        log.warning("task %s interrupted by the database, queued again", self._current)
        self._current = None
        return True

    @staticmethod
    def _forget_connections() -> None:
        for conn in connections.all(initialized_only=True):
            # A broken connection may fail to close; it is gone either way.
            with contextlib.suppress(Exception):
                conn.close()
        close_old_connections()


def reclaim_stale_tasks(backend_name: str = "default") -> int:
    """Queue again what stayed RUNNING longer than TASK_STALE_SECONDS; returns how many."""
    cutoff = timezone.now() - timedelta(seconds=settings.TASK_STALE_SECONDS)
    stale = DBTaskResult.objects.filter(
        backend_name=backend_name, status=RUNNING, started_at__lt=cutoff
    )
    count = 0
    with transaction.atomic():
        for result in stale.select_for_update():
            if len(result.worker_ids) >= settings.TASK_MAX_ATTEMPTS:
                result.status = "FAILED"
                result.finished_at = timezone.now()
                result.exception_class_path = "anliegen.ops.worker.StaleTask"
                result.traceback = (
                    f"claimed {len(result.worker_ids)} times, never finished (worker killed?)"
                )
                result.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                log.error("task %s failed for good: %s", result.pk, result.traceback)
            else:
                result.status = "READY"
                result.started_at = None
                result.save(update_fields=["status", "started_at"])
                log.warning("stale task %s (%s) queued again", result.pk, result.task_path)
            count += 1
    return count
