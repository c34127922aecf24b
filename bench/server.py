"""Start and stop the production processes for a benchmark: gunicorn with the deployment's
config (deploy/gunicorn.conf.py) and, if asked, RQ workers; loopback only."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


@dataclass
class Stack:
    port: int
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)

    def web_rss_mb(self) -> dict[str, float]:
        """Resident memory of the gunicorn master and each worker (MiB)."""
        master = self.processes[0].pid
        pids = [master, *_children(master)]
        sizes = {str(pid): _rss_kib(pid) / 1024 for pid in pids}
        return {k: round(v, 1) for k, v in sizes.items()}


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found += [int(x) for x in text.split()]
    return found


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def environment(database_url: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Every simulated citizen comes from 127.0.0.1: loosen the per-address limit for this
        # loopback run only (production keeps the default).
        "PORTAL_RATE_LIMIT": "1000000",
        **(extra or {}),
    }


def start(
    database_url: str,
    port: int,
    *,
    web_workers: int = 2,
    rq_workers: int = 0,
    extra_env: dict[str, str] | None = None,
    log_dir: Path | None = None,
) -> Stack:
    env = environment(database_url, extra_env)
    env["BIND"] = f"127.0.0.1:{port}"
    env["WEB_WORKERS"] = str(web_workers)
    logs = log_dir or ROOT / "var" / "bench-logs"
    logs.mkdir(parents=True, exist_ok=True)
    stack = Stack(port)
    web_log = (logs / f"web-{port}.log").open("ab")
    stack.processes.append(
        subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "anliegen.wsgi:application",
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
            ],
            cwd=ROOT,
            env=env,
            stdout=web_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    )
    for index in range(rq_workers):
        worker_log = (logs / f"worker-{port}-{index}.log").open("ab")
        stack.processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "rqworker",
                    "default",
                    "--with-scheduler",
                    "--name",
                    f"bench-{port}-{index}",
                ],
                cwd=ROOT,
                env=env,
                stdout=worker_log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    _wait_healthy(port, stack)
    return stack


def _wait_healthy(port: int, stack: Stack, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if stack.processes[0].poll() is not None:
            raise RuntimeError("gunicorn exited; see var/bench-logs")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            pass
        time.sleep(0.5)
    stack.stop()
    raise RuntimeError("server did not become healthy")
