"""Workers survive the database (issue 19, finding 6), with real processes: a db_worker under
a SQLite write lock held by another process for longer than its busy timeout waits it out
and runs the task afterwards, in the same process; a task whose worker was SIGKILLed is
reclaimed by the next worker and run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _env(markers: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "TASK_BACKEND": "database",
        "FAULT_MARKERS": str(markers),
        **extra,
    }


def _enqueue(markers: Path, name: str, seconds: float) -> None:
    code = f"from tests.security.worker_tasks import mark; mark.enqueue({name!r}, {seconds})"
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=_env(markers),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def _worker(markers: Path, log: Path, **extra: str) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            cwd=ROOT,
            env=_env(markers, **extra),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def workers() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)


def test_worker_waits_out_a_write_lock_held_longer_than_its_busy_timeout(
    tmp_path: Path, workers: list[subprocess.Popen[bytes]]
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the write lock of a whole database is SQLite's")
    log = tmp_path / "worker.log"
    worker = _worker(tmp_path, log, SQLITE_BUSY_TIMEOUT="1")
    workers.append(worker)
    _enqueue(tmp_path, "warmup", 0)
    assert _wait_for((tmp_path / "warmup.done").exists, 90), log.read_text()
    # Another process takes the write lock and keeps it for 6 s (the worker waits 1 s).
    holder = sqlite3.connect(connection.settings_dict["NAME"], timeout=30, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        enqueue_blocked = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                "from tests.security.worker_tasks import mark; mark.enqueue('locked', 0)",
            ],
            cwd=ROOT,
            env=_env(tmp_path, SQLITE_BUSY_TIMEOUT="60"),
        )
        time.sleep(6)
        assert worker.poll() is None, log.read_text()  # before: exited for good
        assert not (tmp_path / "locked.done").exists()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert enqueue_blocked.wait(60) == 0
    assert _wait_for((tmp_path / "locked.done").exists, 60), log.read_text()
    assert worker.poll() is None  # the same process did it, no restart
    output = log.read_text()
    assert "database unavailable" in output and "Traceback" not in output
    assert _wait_for(lambda: DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2, 30)


def test_worker_survives_a_lock_during_a_task_and_runs_it_again(
    tmp_path: Path, workers: list[subprocess.Popen[bytes]]
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the write lock of a whole database is SQLite's")
    log = tmp_path / "worker.log"
    _enqueue(tmp_path, "slow", 3.0)
    worker = _worker(tmp_path, log, SQLITE_BUSY_TIMEOUT="1")
    workers.append(worker)
    assert _wait_for((tmp_path / "slow.started").exists, 90), log.read_text()
    # The lock is taken while the task sleeps; its write then fails on the busy timeout.
    holder = sqlite3.connect(connection.settings_dict["NAME"], timeout=30, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    time.sleep(8)
    holder.execute("ROLLBACK")
    holder.close()
    assert _wait_for((tmp_path / "slow.done").exists, 60), log.read_text()
    assert worker.poll() is None
    assert len((tmp_path / "slow.started").read_text().split()) == 2  # interrupted, re-run
    assert _wait_for(lambda: DBTaskResult.objects.get().status == "SUCCESSFUL", 30)


def test_a_task_of_a_sigkilled_worker_is_reclaimed_and_run(
    tmp_path: Path, workers: list[subprocess.Popen[bytes]]
) -> None:
    log = tmp_path / "worker.log"
    _enqueue(tmp_path, "doomed", 120.0)
    first = _worker(tmp_path, log)
    workers.append(first)
    assert _wait_for((tmp_path / "doomed.started").exists, 90), log.read_text()
    os.killpg(first.pid, signal.SIGKILL)
    first.wait(10)
    [result] = DBTaskResult.objects.all()
    assert result.status == "RUNNING"  # nobody will ever finish it
    second = _worker(tmp_path, log, TASK_STALE_SECONDS="2")
    workers.append(second)
    assert _wait_for((tmp_path / "doomed.done").exists, 90), log.read_text()
    assert _wait_for(lambda: DBTaskResult.objects.get().status == "SUCCESSFUL", 30)
    result.refresh_from_db()
    assert len(result.worker_ids) == 2
    assert len((tmp_path / "doomed.started").read_text().split()) == 2
    assert "stale task" in log.read_text()


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    return [int(p) for p in found.stdout.split()]


def test_bin_supervise_starts_a_killed_worker_again(
    tmp_path: Path, workers: list[subprocess.Popen[bytes]]
) -> None:
    """bin/start runs the worker and the scheduler under bin/supervise."""
    assert "bin/supervise worker" in (ROOT / "bin" / "start").read_text()
    assert "bin/supervise scheduler" in (ROOT / "bin" / "start").read_text()
    log = tmp_path / "supervise.log"
    with log.open("ab") as out:
        supervisor = subprocess.Popen(
            [
                str(ROOT / "bin" / "supervise"),
                "worker",
                sys.executable,
                "manage.py",
                "db_worker",
                "--interval",
                "0.2",
                "--no-startup-delay",
            ],
            cwd=ROOT,
            env=_env(tmp_path, SUPERVISE_DELAY="0.5"),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    workers.append(supervisor)
    assert _wait_for(lambda: len(_children(supervisor.pid)) == 1, 30)
    [first] = _children(supervisor.pid)
    os.kill(first, signal.SIGKILL)
    assert _wait_for(lambda: _children(supervisor.pid) not in ([], [first]), 30), log.read_text()
    _enqueue(tmp_path, "after-restart", 0)
    assert _wait_for((tmp_path / "after-restart.done").exists, 90), log.read_text()
    assert "worker exited (code 137)" in log.read_text()
    assert supervisor.poll() is None
