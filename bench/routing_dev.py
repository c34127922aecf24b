"""Development protocol for the routing engine: k-fold cross-validation on the TRAIN split only.

Each fold trains on the catalogue plus the other folds' rows as routed history (staff examples)
and ranks the held-out fold's texts. The extra train rows (labelled_extra.csv) are history in
every fold and never held out, so the dev figure stays measured on the same 637 texts.
The test split is never read, so it stays an honest check.
Ranking does not depend on calibration, so the folds skip the calibration model.

Run: .venv/bin/python bench/routing_dev.py [--folds 5] [--confusions 25] [--jobs 2] [--no-extra]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anliegen.routing.engine import Example, ServiceDoc
from anliegen.routing.engine.training import build_uncalibrated
from anliegen.routing.labelled import LABELLED_EXTRA, demo_catalogue_docs, read_labelled

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "anliegen/routing/data/labelled.csv"

Row = tuple[str, str]  # text, service key
Outcome = tuple[str, str, int | None]  # truth, first suggestion, rank of truth in top 3


def load_services() -> list[ServiceDoc]:
    return demo_catalogue_docs()


def train_rows() -> list[Row]:
    """Only the rows of the train split: the test split is not even kept in memory."""
    with LABELLED.open(newline="", encoding="utf-8") as fh:
        return [(r["text"], r["service"]) for r in csv.DictReader(fh) if r["split"] == "train"]


def extra_rows() -> list[Row]:
    if not LABELLED_EXTRA.exists():
        return []
    return [(r.text, r.service) for r in read_labelled(LABELLED_EXTRA) if r.split == "train"]


def folds(rows: list[Row], k: int, seed: int) -> list[list[Row]]:
    shuffled = list(rows)
    random.Random(seed).shuffle(shuffled)
    return [shuffled[i::k] for i in range(k)]


def run_fold(services: list[ServiceDoc], history: list[Row], held: list[Row]) -> list[Outcome]:
    model = build_uncalibrated(services, [Example(t, s) for t, s in history])
    out: list[Outcome] = []
    for text, truth in held:
        keys = [r.service_key for r in model.rank(text, limit=3)]
        out.append((truth, keys[0] if keys else "", keys.index(truth) if truth in keys else None))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--confusions", type=int, default=25)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--catalogue-only", action="store_true", help="no history examples")
    parser.add_argument("--no-extra", action="store_true", help="leave out labelled_extra.csv")
    args = parser.parse_args()

    services = load_services()
    parts = folds(train_rows(), args.folds, args.seed)
    extra = [] if args.no_extra or args.catalogue_only else extra_rows()
    started = time.perf_counter()
    jobs = []
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for i, held in enumerate(parts):
            history = (
                [] if args.catalogue_only else [r for j, p in enumerate(parts) if j != i for r in p]
            ) + extra
            jobs.append(pool.submit(run_fold, services, history, held))
        outcomes = [o for job in jobs for o in job.result()]
    n = len(outcomes)
    top1 = sum(rank == 0 for _, _, rank in outcomes) / n
    top3 = sum(rank is not None for _, _, rank in outcomes) / n
    mode = "catalogue only" if args.catalogue_only else "catalogue + other folds as history"
    if extra:
        mode += f" + {len(extra)} extra train rows"
    print(f"dev: {args.folds}-fold CV on the train split ({n} texts, {mode})")
    print(f"top-1 {top1:.1%}   top-3 {top3:.1%}   ({time.perf_counter() - started:.0f} s)")
    confusions = Counter((t, g) for t, g, rank in outcomes if rank != 0)
    print("\nmost frequent confusions (true → suggested first):")
    for (truth, guess), count in confusions.most_common(args.confusions):
        print(f"  {count:3d}  {truth} → {guess}")


if __name__ == "__main__":
    main()
