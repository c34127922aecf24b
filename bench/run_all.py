"""Run every scale benchmark and write one results file: bench/results/<time>.json.

Run (after loading data with bench/generate.py, see docs/performance.md):
  python bench/run_all.py --pg-url postgres://postgres@127.0.0.1:5432/anliegen_bench \\
      --sqlite-url sqlite:///var/bench-100k.sqlite3 [--loadtest-minutes 5]

Each benchmark runs in its own process and prints JSON; this script adds the machine
(cores, CPU model, memory) and collects them. A benchmark that fails is recorded with its
error output instead of stopping the others.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def machine() -> dict[str, Any]:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory_kib = int(line.split()[1])
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "python": platform.python_version(),
        "load_average_at_start": os.getloadavg(),
    }


def run(name: str, args: list[str], timeout: int) -> dict[str, Any]:
    print(f"running {name} …", file=sys.stderr, flush=True)
    try:
        done = subprocess.run(
            [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"benchmark": name, "error": f"timed out after {timeout} s"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode not in (0, 1) or not lines:
        return {"benchmark": name, "error": done.stderr.strip()[-2000:]}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/anliegen_bench")
    parser.add_argument("--sqlite-url", default=f"sqlite:///{ROOT / 'var' / 'bench-100k.sqlite3'}")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--submit-seconds", type=int, default=30)
    parser.add_argument("--loadtest-minutes", type=float, default=0, help="0: no load test")
    parser.add_argument("--port", type=int, default=21330)
    args = parser.parse_args(argv)
    results: dict[str, Any] = {"started": datetime.now(UTC).isoformat(), "machine": machine()}
    runs: list[dict[str, Any]] = []
    for label, url in (("postgresql", args.pg_url), ("sqlite", args.sqlite_url)):
        runs.append(
            run(
                f"pages-{label}",
                [
                    "bench/pages.py",
                    "--database-url",
                    url,
                    "--repeat",
                    str(args.repeat),
                    "--label",
                    label,
                ],
                3600,
            )
        )
        runs.append(
            run(
                f"submit-{label}",
                [
                    "bench/submit.py",
                    "--database-url",
                    url,
                    "--seconds",
                    str(args.submit_seconds),
                    "--port",
                    str(args.port),
                ],
                900,
            )
        )
    runs.append(run("routing", ["bench/routing.py"], 900))
    if args.loadtest_minutes:
        runs.append(
            run(
                "loadtest",
                [
                    "bench/loadtest.py",
                    "--database-url",
                    args.pg_url,
                    "--minutes",
                    str(args.loadtest_minutes),
                    "--port",
                    str(args.port + 1),
                ],
                int(args.loadtest_minutes * 60 + 600),
            )
        )
    results["runs"] = runs
    results["finished"] = datetime.now(UTC).isoformat()
    out = ROOT / "bench" / "results" / f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
