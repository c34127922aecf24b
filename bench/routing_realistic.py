"""Development protocol on the realistic set (issue 23): one model, the dev rows, all figures.

The model is trained as `evaluate_routing --model history` trains it (catalogue + the shipped
train rows as routed history), without Django; offices come from the demo catalogue's lead
units. Realistic texts are never trained on. Choices are made on `--split dev` (default);
`holdout` is for checkpoints only.

Run: .venv/bin/python bench/routing_realistic.py [--split dev] [--calibrated] [--errors 30]
     [--file anliegen/routing/data/english.csv] [--labelled-test]
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anliegen.routing.engine import DEFAULT_AUTO_ROUTE_THRESHOLD, Example, RoutingModel, train
from anliegen.routing.engine.metrics import Outcome, rank_offices, report_lines, summarize
from anliegen.routing.engine.serialize import dumps, loads
from anliegen.routing.engine.training import build_uncalibrated
from anliegen.routing.labelled import (
    DATA_DIR,
    DEMO_CATALOGUE,
    LABELLED,
    Labelled,
    demo_catalogue_docs,
    demo_place_names,
    read_labelled,
    realistic_dev_examples,
    shipped_train_rows,
)

REALISTIC = DATA_DIR / "realistic.csv"


def lead_offices() -> dict[str, str]:
    rows = json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for row in rows:
        leads = [r["org_unit"] for r in row.get("responsibilities", []) if r["role"] == "lead"]
        if leads:
            out[row["key"]] = leads[0]
    return out


def outcomes(model: RoutingModel, rows: list[Labelled], offices: dict[str, str]) -> list[Outcome]:
    out = []
    for row in rows:
        ranked = model.rank(row.text, limit=10)
        keys = tuple(r.service_key for r in ranked)
        out.append(
            Outcome(
                row.service or None,
                row.office or offices.get(row.service) or None,
                keys,
                rank_offices(keys, offices),
                ranked[0].confidence if ranked else 0.0,
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", default=str(REALISTIC))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--calibrated", action="store_true", help="train with calibration")
    parser.add_argument("--errors", type=int, default=0, help="print this many office misses")
    parser.add_argument(
        "--labelled-test", action="store_true", help="also the labelled.csv test split"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="MODULE.NAME=VALUE",
        help="override an engine constant for a dev experiment, e.g. features.WORLD_WEIGHT=0",
    )
    parser.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="FILE:SPLIT",
        help="evaluate one more file (split may be empty: all rows)",
    )
    parser.add_argument(
        "--calibrate-dev",
        action="store_true",
        help="fit the calibrator on the realistic dev rows (as evaluate_routing's model does)",
    )
    parser.add_argument(
        "--sweep",
        action="append",
        default=[],
        metavar="MODULE.NAME=V1,V2,…",
        help="evaluate one trained model with each value of a constant read only when a query "
        "is analysed (e.g. features.WORLD_WEIGHT: world features never occur in training texts)",
    )
    parser.add_argument(
        "--cache",
        metavar="FILE",
        help="keep the trained model in FILE and reuse it when it exists (a dev shortcut on "
        "this shared machine: delete the file after any change to training or features)",
    )
    args = parser.parse_args()
    for item in args.set:
        target, value = item.split("=", 1)
        module, name = target.rsplit(".", 1)
        mod = importlib.import_module(f"anliegen.routing.engine.{module}")
        setattr(mod, name, type(getattr(mod, name))(value))
        print(f"set {target} = {getattr(mod, name)}")

    history = [Example(r.text, r.service) for r in shipped_train_rows()]
    started = time.perf_counter()
    cache = Path(args.cache) if args.cache else None
    if cache is not None and cache.exists():
        model = loads(cache.read_bytes())
    elif args.calibrated:
        model = train(
            demo_catalogue_docs(),
            history,
            places=demo_place_names(),
            calibration=realistic_dev_examples() if args.calibrate_dev else (),
        )
    else:
        model = build_uncalibrated(demo_catalogue_docs(), history, places=demo_place_names())
    if cache is not None and not cache.exists():
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(dumps(model))
    print(
        f"model: {'calibrated' if args.calibrated else 'uncalibrated'}, "
        f"{len(history)} history texts, trained in {time.perf_counter() - started:.0f} s"
    )
    offices = lead_offices()
    files = [(Path(args.file), args.split)]
    if args.labelled_test:
        files.append((LABELLED, "test"))
    for item in args.also:
        name, _, split = item.rpartition(":")
        files.append((Path(name), split))
    axes: list[list[tuple[Any, str, str]]] = []
    for item in args.sweep:
        target, values = item.split("=", 1)
        module, name = target.rsplit(".", 1)
        mod = importlib.import_module(f"anliegen.routing.engine.{module}")
        axes.append([(mod, name, v) for v in values.split(",")])
    for setting in itertools.product(*axes):
        for target_module, name, value in setting:
            kind = type(getattr(target_module, name))
            setattr(target_module, name, value == "True" if kind is bool else kind(value))
        if setting:
            model.featurizer.prepare()  # clears the per-word cache
            print("\n### " + ", ".join(f"{name} = {value}" for _m, name, value in setting))
        for path, split in files:
            report(model, path, split, offices, args)


def report(
    model: RoutingModel,
    path: Path,
    split: str,
    offices: dict[str, str],
    args: argparse.Namespace,
) -> None:
    rows = [r for r in read_labelled(path) if not split or r.split == split]
    result = outcomes(model, rows, offices)
    print(f"\n== {path.name} · split {split}", flush=True)
    lines = report_lines(summarize(result, DEFAULT_AUTO_ROUTE_THRESHOLD))
    print("\n".join(lines if args.calibrated else lines[:3]))
    if args.errors and path.name != LABELLED.name:
        misses = Counter(
            (o.office, o.offices[0] if o.offices else "") for o in result if not o.hit("office")
        )
        print("\nmost frequent office confusions (true → first):")
        for (truth, guess), n in misses.most_common(10):
            print(f"  {n:3d}  {truth} → {guess}")
        print("\noffice misses:")
        shown = 0
        for row, o in zip(rows, result, strict=True):
            if not o.hit("office") and shown < args.errors:
                shown += 1
                print(
                    f"  [{row.service} → {o.services[0] if o.services else ''}] "
                    f"{' '.join(row.text.split())[:150]}"
                )


if __name__ == "__main__":
    main()
