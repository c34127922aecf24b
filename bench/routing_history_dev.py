"""Development protocol of the history model (issue 23, point 5), kept apart from the figures
of bench/routing_learning.py.

The realistic set in SHA-1 order is what the learning curve adds as corrections; its first 600
texts are the 600-step's corrections and never part of that step's (or the 1,500-step's)
measured rest. Only they are used here: 5-fold cross-validation, each fold trains the ranking
model on the catalogue + shipped history + the other four fifths as corrections (weight 3) and
ranks the held-out fifth. Ranking only (no calibration). The fold models are cached under
var/bench-cache/ (one training each); the history model's constants are swept on them.

Run: .venv/bin/python bench/routing_history_dev.py [--train-only] [--folds 0,1,2,3,4]
     [--sweep history_model.BLEND=0,2,4]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import itertools
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anliegen.routing.engine import Example, RoutingModel, dumps, loads
from anliegen.routing.engine.metrics import summarize
from anliegen.routing.engine.training import build_uncalibrated
from anliegen.routing.labelled import (
    REALISTIC,
    Labelled,
    demo_catalogue_docs,
    demo_place_names,
    read_labelled,
    shipped_train_rows,
)
from bench.routing_realistic import lead_offices, outcomes

CACHE = Path(__file__).resolve().parents[1] / "var" / "bench-cache"
CORRECTION_WEIGHT = 3.0
POOL = 600
FOLDS = 5


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def pool() -> list[Labelled]:
    return sorted(read_labelled(REALISTIC), key=lambda r: digest(r.text))[:POOL]


def fold_rows(fold: int) -> tuple[list[Labelled], list[Labelled]]:
    rows = pool()
    held = [r for i, r in enumerate(rows) if i % FOLDS == fold]
    kept = [r for i, r in enumerate(rows) if i % FOLDS != fold]
    return kept, held


def fold_model(fold: int) -> RoutingModel:
    path = CACHE / f"history-fold{fold}.bin"
    if path.exists():
        return loads(path.read_bytes())
    kept, _held = fold_rows(fold)
    history = [Example(r.text, r.service) for r in shipped_train_rows()]
    history += [Example(r.text, r.service, CORRECTION_WEIGHT) for r in kept]
    started = time.perf_counter()
    model = build_uncalibrated(demo_catalogue_docs(), history, places=demo_place_names())
    print(f"fold {fold}: trained in {time.perf_counter() - started:.0f} s", flush=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(dumps(model))
    return model


def settings(spec: str) -> list[list[tuple[object, str, float]]]:
    """`module.NAME=1,2 module.OTHER=3` → every combination as (module, name, value)."""
    axes = []
    for part in spec.split():
        target, values = part.split("=")
        module_name, name = target.rsplit(".", 1)
        module = importlib.import_module(f"anliegen.routing.engine.{module_name}")
        axes.append([(module, name, float(v)) for v in values.split(",")])
    return [list(combo) for combo in itertools.product(*axes)] if axes else [[]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", default=",".join(str(f) for f in range(FOLDS)))
    parser.add_argument("--train-only", action="store_true")
    parser.add_argument("--sweep", default="")
    args = parser.parse_args()
    folds = [int(f) for f in args.folds.split(",")]
    models = {f: fold_model(f) for f in folds}
    if args.train_only:
        return
    offices = lead_offices()
    for combo in settings(args.sweep):
        for module, name, value in combo:
            setattr(module, name, value)
        results = []
        for f in folds:
            model = models[f]
            model.__post_init__()  # the history model reads its constants when built
            results += outcomes(model, fold_rows(f)[1], offices)
        s = summarize(results, 0.5)
        label = " ".join(f"{n}={v:g}" for _m, n, v in combo) or "as is"
        print(
            f"{label:50s} n={len(results)} office {s.top[('office', 1)]} / "
            f"{s.top[('office', 3)]}  service {s.top[('service', 1)]} / "
            f"{s.top[('service', 3)]}",
            flush=True,
        )


if __name__ == "__main__":
    main()
