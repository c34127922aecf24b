"""The default auto-routing threshold, chosen on the realistic dev rows (issue 23, Done means:
≥ 50 % routed automatically with ≥ 95 % right office).

The shipped model is calibrated on the realistic dev rows (Django passes them to `train`), so
its confidences on those rows are in-sample. To choose the threshold on texts the calibrator
has not seen, the dev rows are cross-fitted: halved by the SHA-1 of the text, the calibrator
is fitted on one half (plus the off-topic texts, as `train` does) and the other half is
measured, then the other way round; the pooled figures are printed (reliability table with
ECE, precision/coverage at several thresholds). The threshold is the smallest of the grid
whose pooled right-office share is at least 95 %. `--holdout` then measures the shipped set-up
(calibrated on all dev rows) on the holdout rows once, at that threshold.

The ranking model is catalogue + shipped history (as `evaluate_routing --model history`); it is
kept under var/bench-cache/learning-0.bin, the 0-step of bench/routing_learning.py.

Run: .venv/bin/python bench/routing_threshold.py [--holdout]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anliegen.routing.engine import Example
from anliegen.routing.engine.metrics import Outcome, report_lines, summarize
from anliegen.routing.engine.training import _calibrate
from anliegen.routing.labelled import (
    REALISTIC,
    demo_catalogue_docs,
    demo_place_names,
    read_labelled,
    shipped_train_rows,
)
from bench.routing_learning import CACHE, trained
from bench.routing_realistic import lead_offices, outcomes

GRID = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
PRECISION = 0.95


def half(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[-2], 16) % 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--holdout", action="store_true", help="measure once on the holdout")
    args = parser.parse_args()
    services = sorted(demo_catalogue_docs(), key=lambda s: s.key)
    history = [Example(r.text, r.service) for r in shipped_train_rows()]
    rows = read_labelled(REALISTIC)
    dev = [r for r in rows if r.split == "dev"]
    offices = lead_offices()
    places = demo_place_names()
    model = trained(services, history, None, CACHE / "learning-0.bin")
    pooled: list[Outcome] = []
    for part in (0, 1):
        fit = [Example(r.text, r.service) for r in dev if half(r.text) != part]
        model.calibrator = _calibrate(model, services, history, 0, places, fit)
        pooled += outcomes(model, [r for r in dev if half(r.text) == part], offices)
    summary = summarize(pooled, 0.5, GRID)
    print("realistic dev, cross-fitted calibration (two halves by SHA-1):")
    print("\n".join(report_lines(summary)))
    chosen = next((c.threshold for c in summary.curve if c.office.value >= PRECISION), None)
    print(f"\nsmallest threshold with right office ≥ {PRECISION:.0%} on dev: {chosen}")
    if args.holdout and chosen is not None:
        calibration = [Example(r.text, r.service) for r in dev]
        model.calibrator = _calibrate(model, services, history, 0, places, calibration)
        held = [r for r in rows if r.split == "holdout"]
        print(f"\nrealistic holdout ({len(held)} texts), calibrated on all dev rows:")
        print("\n".join(report_lines(summarize(outcomes(model, held, offices), chosen, GRID))))


if __name__ == "__main__":
    main()
