"""Routing benchmark: model load time, latency of one suggestion, throughput, memory.

Run: .venv/bin/python bench/routing.py [--repeat N]   (prints JSON; one core: BLAS threads = 1)
Uses the demo catalogue (anliegen/catalog/demo/services.json) and the shipped labelled texts.
"""

from __future__ import annotations

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from anliegen.routing.engine import Example, ServiceDoc, dumps, loads, train  # noqa: E402
from anliegen.routing.labelled import (  # noqa: E402
    LABELLED,
    demo_catalogue_docs,
    read_labelled,
    shipped_train_rows,
)


def catalogue() -> list[ServiceDoc]:
    return demo_catalogue_docs()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the texts")
    args = parser.parse_args()

    rows = read_labelled(LABELLED)
    history = [Example(r.text, r.service) for r in shipped_train_rows()]
    texts = [r.text for r in rows if r.split == "test"]
    services = catalogue()

    started = time.perf_counter()
    model = train(services, history)
    train_seconds = time.perf_counter() - started
    blob = dumps(model)

    load_times = []
    for _ in range(5):
        started = time.perf_counter()
        model = loads(blob)
        load_times.append(time.perf_counter() - started)

    model.rank(texts[0])  # warm caches once, as a running server would be
    latencies = []
    cpu_times = []  # CPU time of this thread: what a suggestion costs when the machine is shared
    started = time.perf_counter()
    for _ in range(args.repeat):
        for text in texts:
            t0, c0 = time.perf_counter(), time.thread_time()
            model.rank(text, limit=5)
            cpu_times.append(time.thread_time() - c0)
            latencies.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - started

    result = {
        "benchmark": "routing",
        "machine": {
            "cpu_count": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "services": len(services),
        "history_examples": len(history),
        "train_seconds": round(train_seconds, 2),
        "model_bytes": len(blob),
        "load_seconds_median": round(statistics.median(load_times), 4),
        "suggestions": len(latencies),
        "latency_ms_p50": round(percentile(latencies, 0.50) * 1000, 2),
        "latency_ms_p95": round(percentile(latencies, 0.95) * 1000, 2),
        "latency_ms_max": round(max(latencies) * 1000, 2),
        "cpu_ms_p50": round(percentile(cpu_times, 0.50) * 1000, 2),
        "cpu_ms_p95": round(percentile(cpu_times, 0.95) * 1000, 2),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "suggestions_per_second": round(len(latencies) / elapsed, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
