"""Training time of a full routing model (issue 23: ≤ 60 s for 342 services + 5,000 history).

The model is trained as the Django training job trains it: demo catalogue (342 services),
history texts as routed tickets and corrections, calibration on the realistic dev rows.
The shipped history has 1,779 texts; a city with 5,000 routed tickets is simulated by adding
hurried-citizen variants of them (typos, joined or inflected words, lower case: synth.perturb)
until there are ``--history`` texts. Prints wall clock and CPU time of this process.

Run: .venv/bin/python bench/routing_training.py [--history 5000] [--profile 25]
"""

from __future__ import annotations

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import argparse  # noqa: E402
import cProfile  # noqa: E402
import json  # noqa: E402
import pstats  # noqa: E402
import random  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anliegen.routing.engine import Example, dumps, train  # noqa: E402
from anliegen.routing.engine.synth import perturb  # noqa: E402
from anliegen.routing.labelled import (  # noqa: E402
    demo_catalogue_docs,
    demo_place_names,
    realistic_dev_examples,
    shipped_train_rows,
)


def history(size: int, seed: int = 11) -> list[Example]:
    """The shipped history texts, then perturbed copies of them up to ``size`` texts."""
    base = [Example(r.text, r.service) for r in shipped_train_rows()]
    rng = random.Random(seed)
    out = list(base[:size])
    while len(out) < size:
        row = base[len(out) % len(base)]
        out.append(Example(perturb(row.text, rng), row.service_key))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--history", type=int, default=5000, help="history texts")
    parser.add_argument("--profile", type=int, default=0, help="print this many profile lines")
    args = parser.parse_args()
    services = demo_catalogue_docs()
    examples = history(args.history)
    calibration = realistic_dev_examples()
    places = demo_place_names()
    profiler = cProfile.Profile() if args.profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    model = train(services, examples, places=places, calibration=calibration)
    if profiler:
        profiler.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    result = {
        "benchmark": "routing_training",
        "services": len(services),
        "history_texts": len(examples),
        "calibration_texts": len(calibration),
        "vocabulary": len(model.featurizer.vocab),
        "train_wall_seconds": round(wall, 1),
        "train_cpu_seconds": round(cpu, 1),
        "model_bytes": len(dumps(model)),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "cpu_count": os.cpu_count(),
    }
    print(json.dumps(result, indent=2))
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
