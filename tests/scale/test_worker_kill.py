"""A task worker killed with SIGKILL in the middle of a job loses no job.

Real processes: two RQ workers (``manage.py rqworker``, as the systemd units run them) on the
local Redis, database 6. The first worker is killed together with its work horse while it
runs a job; a second worker's maintenance pass then finds the abandoned job. The pass is run
with the clock two minutes ahead, i.e. after the dead worker's heartbeat expired, which in
production happens on its own within the worker's maintenance interval.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis import Redis
from rq import Queue
from rq.registry import FailedJobRegistry, StartedJobRegistry

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/6"
JOBS = 6


@pytest.fixture
def redis() -> Iterator[Redis]:
    client = Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except Exception:
        subprocess.run(["redis-server", "--daemonize", "yes"], check=False)
        time.sleep(1)
        client.ping()
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


def _env(markers: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TASK_BACKEND": "rq",
        "REDIS_URL": REDIS_URL,
        "SCALE_MARKERS": str(markers),
    }


def _worker(markers: Path, name: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "manage.py", "rqworker", "default", "--name", name],
        cwd=ROOT,
        env=_env(markers),
        start_new_session=True,  # its own process group: worker and work horse
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.1)
    return False


def test_sigkilled_worker_loses_no_job(redis: Redis, tmp_path: Path) -> None:
    code = (
        "from tests.scale.rq_tasks import mark\n"
        f"for i in range({JOBS}): mark.enqueue(f'job{{i}}', 60.0 if i == 0 else 0.1)\n"
    )
    enqueued = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        check=False,
    )
    assert enqueued.returncode == 0, enqueued.stderr
    assert Queue("default", connection=redis).count == JOBS

    first = _worker(tmp_path, "doomed")
    second: subprocess.Popen[bytes] | None = None
    try:
        assert _wait_for((tmp_path / "job0.started").exists, 60), "first job never started"
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
        started = StartedJobRegistry("default", connection=redis)
        assert started.count == 1  # the job the dead worker was running

        second = _worker(tmp_path, "survivor")
        started.cleanup(timestamp=time.time() + 120)

        def all_done() -> bool:
            return all((tmp_path / f"job{i}.done").exists() for i in range(JOBS))

        assert _wait_for(all_done, 60), sorted(p.name for p in tmp_path.iterdir())
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(20)

    assert len((tmp_path / "job0.started").read_text().split()) == 2  # killed, then re-run
    for i in range(JOBS):
        assert len((tmp_path / f"job{i}.done").read_text().split()) == 1
    assert FailedJobRegistry("default", connection=redis).count == 0
