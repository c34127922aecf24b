"""Learning curve (issue 23, point 5): a city's own corrections against the catalogue's words.

Adds 0 / 200 / 600 / 1,500 texts of the realistic set (German, both splits, in SHA-1 order of
the text, so the choice is fixed and independent of labels) as staff corrections (weight 3,
like a clerk's manual forwarding) to the shipped routed history, trains a calibrated model
and measures on the REST of the realistic set. The rest is halved by SHA-1 again: one half
calibrates the model (as the dev rows do for the shipped model; with fewer than
CALIBRATION_MIN texts the synthetic calibration is used, as for a new city), the other half
is measured: office and service top-1 / top-3, and the share routed automatically at the
default threshold with its office precision.

This is the one place where realistic texts are trained on.

The ranking models can be kept under var/bench-cache/ (`--cache`): calibration is fitted
anew on each run (cheap with real calibration texts), so the history model's constants can be
changed without retraining. A cached model is the one `train` builds for the same inputs.

Run: .venv/bin/python bench/routing_learning.py [--steps 0,200,600,1500] [--cache]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anliegen.routing.engine import (
    DEFAULT_AUTO_ROUTE_THRESHOLD,
    Example,
    RoutingModel,
    ServiceDoc,
    dumps,
    loads,
)
from anliegen.routing.engine.metrics import summarize
from anliegen.routing.engine.training import CALIBRATION_MIN, _calibrate, build_uncalibrated
from anliegen.routing.labelled import (
    REALISTIC,
    demo_catalogue_docs,
    demo_place_names,
    read_labelled,
    shipped_train_rows,
)
from bench.routing_realistic import lead_offices, outcomes

CORRECTION_WEIGHT = 3.0  # tickets.history: a clerk's manual forwarding
CACHE = Path(__file__).resolve().parents[1] / "var" / "bench-cache"


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def trained(
    services: list[ServiceDoc],
    examples: list[Example],
    calibration: list[Example] | None,
    cache: Path | None,
) -> RoutingModel:
    """What `train` returns for these inputs; the ranking model is read from ``cache`` if
    there (calibration is always fitted anew: it reads the history model's constants).
    ``calibration`` None: the ranking model only (uncalibrated)."""
    places = demo_place_names()
    if cache is not None and cache.exists():
        model = loads(cache.read_bytes())
    else:
        services = sorted(services, key=lambda s: s.key)
        model = build_uncalibrated(services, examples, places=places)
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_bytes(dumps(model))
    if calibration is not None:
        model.calibrator = _calibrate(model, services, examples, 0, places, calibration)
    return model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", default="0,200,600,1500")
    parser.add_argument("--cache", action="store_true", help="keep the ranking models")
    parser.add_argument("--threshold", type=float, default=DEFAULT_AUTO_ROUTE_THRESHOLD)
    args = parser.parse_args()
    rows = sorted(read_labelled(REALISTIC), key=lambda r: digest(r.text))
    services = demo_catalogue_docs()
    history = [Example(r.text, r.service) for r in shipped_train_rows()]
    offices = lead_offices()
    print(f"realistic set: {len(rows)} texts; shipped history: {len(history)} texts")
    print("added  measured  office top-1 top-3  service top-1 top-3  auto-routed  right office")
    for step in (int(s) for s in args.steps.split(",")):
        added, rest = rows[:step], rows[step:]
        calibrate = [r for r in rest if int(digest(r.text)[-1], 16) % 2 == 0]
        measure = [r for r in rest if int(digest(r.text)[-1], 16) % 2 == 1]
        corrections = [Example(r.text, r.service, CORRECTION_WEIGHT) for r in added]
        started = time.perf_counter()
        model = trained(
            services,
            [*history, *corrections],
            [Example(r.text, r.service) for r in calibrate],
            CACHE / f"learning-{step}.bin" if args.cache else None,
        )
        seconds = time.perf_counter() - started
        s = summarize(outcomes(model, measure, offices), args.threshold)
        top = s.top
        cal = "" if len(calibrate) >= CALIBRATION_MIN else "  (synthetic calibration)"
        print(
            f"{step:5d}  {len(measure):8d}  {top[('office', 1)]}  {top[('office', 3)]}  "
            f"     {top[('service', 1)]}  {top[('service', 3)]}   {s.auto.routed}      "
            f"{s.auto.office}   [{seconds:.0f} s]{cal}",
            flush=True,
        )


if __name__ == "__main__":
    main()
