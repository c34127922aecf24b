"""Figures for docs/design/routing.md: speed, size and accuracy on the demo catalogue.

Run: .venv/bin/python bench/routing_accuracy.py [--quick]
Accuracy here is on SYNTHETIC texts made by perturbing catalogue synonyms (typos, joined
words, inflection, e-mail wrapping), plus the labelled set's test split if it exists.
"""

from __future__ import annotations

import csv
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anliegen.routing.engine import (
    DEFAULT_AUTO_ROUTE_THRESHOLD,
    Example,
    RoutingModel,
    ServiceDoc,
    dumps,
    loads,
    train,
)
from anliegen.routing.engine.calibrate import OFF_TOPIC
from anliegen.routing.engine.synth import perturb, wrap
from anliegen.routing.labelled import demo_catalogue_docs, shipped_train_rows

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "anliegen/catalog/demo/services.json"
LABELLED = ROOT / "anliegen/routing/data/labelled.csv"
OUT_OF_SCOPE = ROOT / "anliegen/routing/data/out_of_scope.csv"
FILLER = (
    "Sehr geehrte Damen und Herren,\n\nich wende mich heute an Sie, weil ich nicht weiter "
    "weiß. Ich habe schon mehrfach versucht, jemanden telefonisch zu erreichen, leider ohne "
    "Erfolg. {x}. Ich hoffe auf eine schnelle Antwort, da die Sache für mich dringend ist.\n\n"
    "Mit freundlichen Grüßen\nMax Mustermann\nBeispielweg 12, 56068 Koblenz\nTel. 0261 123456"
    "\n\nAm 02.03.2026 um 10:15 schrieb Stadtverwaltung <info@stadt.example>:\n> Ihre Anfrage"
)


def load_services() -> list[ServiceDoc]:
    return demo_catalogue_docs()


def accuracy(model, cases: list[tuple[str, str]]) -> tuple[float, float, float]:
    top1 = top3 = auto_right = 0
    for text, key in cases:
        ranked = model.rank(text, limit=3)
        keys = [r.service_key for r in ranked]
        top1 += keys[:1] == [key]
        top3 += key in keys
        auto_right += keys[:1] == [key] and ranked[0].confidence >= DEFAULT_AUTO_ROUTE_THRESHOLD
    n = len(cases) or 1
    return top1 / n, top3 / n, auto_right / n


def auto_rate(model: RoutingModel, texts: list[str]) -> float:
    return float(sum(model.confidence(t) >= DEFAULT_AUTO_ROUTE_THRESHOLD for t in texts)) / len(
        texts
    )


def main() -> None:
    services = load_services()
    rng = random.Random(42)
    print(f"catalogue: {len(services)} services")
    started = time.perf_counter()
    model = train(services)
    print(f"training: {time.perf_counter() - started:.1f} s")
    blob = dumps(model)
    print(f"model: {len(blob) / 1e6:.2f} MB")
    loads_s = []
    for _ in range(5):
        started = time.perf_counter()
        model = loads(blob)
        loads_s.append(time.perf_counter() - started)
    print(f"load: median {statistics.median(loads_s) * 1000:.0f} ms")

    seen = [(wrap(perturb(syn, rng), rng), s.key) for s in services for syn in s.synonyms]
    texts = [t for t, _ in seen]
    texts = [FILLER.format(x=t) if i % 4 == 0 else t for i, t in enumerate(texts)]
    texts = (texts * (1 + 1000 // len(texts)))[:1000]
    model.rank("warm-up")
    times = []
    for text in texts:
        started = time.perf_counter()
        model.rank(text, limit=5)
        times.append(time.perf_counter() - started)
    times.sort()
    print(
        f"rank latency over {len(times)} texts: p50 {times[500] * 1000:.2f} ms, "
        f"p95 {times[950] * 1000:.2f} ms, max {times[-1] * 1000:.2f} ms"
    )

    t1, t3, ok = accuracy(model, seen)
    print(
        f"synthetic, perturbed catalogue synonyms (n={len(seen)}): top-1 {t1:.3f} "
        f"top-3 {t3:.3f} auto-routed&right {ok:.3f}"
    )
    print(f"off-topic texts auto-routed: {auto_rate(model, list(OFF_TOPIC)):.2f}")

    if "--quick" not in sys.argv:
        held: list[tuple[str, str]] = []
        kept = []
        for s in services:
            syn = list(s.synonyms)
            rng.shuffle(syn)
            cut = len(syn) // 3
            held += [(wrap(perturb(x, rng), rng), s.key) for x in syn[:cut]]
            kept.append(replace(s, synonyms=tuple(syn[cut:])))
        partial = train(kept)
        t1, t3, ok = accuracy(partial, held)
        print(
            f"synthetic, HELD-OUT synonyms, perturbed (n={len(held)}): top-1 {t1:.3f} "
            f"top-3 {t3:.3f} auto-routed&right {ok:.3f}"
        )

    if LABELLED.exists():
        with LABELLED.open(newline="") as f:
            rows = list(csv.DictReader(f))
        test = [(r["text"], r["service"]) for r in rows if r["split"] == "test"]
        t1, t3, ok = accuracy(model, test)
        print(
            f"labelled.csv test split, catalogue-only model (n={len(test)}): top-1 {t1:.3f} "
            f"top-3 {t3:.3f} auto-routed&right {ok:.3f}"
        )
        staff = [Example(r.text, r.service) for r in shipped_train_rows()]
        learnt = train(services, staff)
        t1, t3, ok = accuracy(learnt, test)
        print(
            f"labelled.csv test split, catalogue + {len(staff)} train rows as staff examples: "
            f"top-1 {t1:.3f} top-3 {t3:.3f} auto-routed&right {ok:.3f}"
        )
        if OUT_OF_SCOPE.exists():
            with OUT_OF_SCOPE.open(newline="") as f:
                oos = [r["text"] for r in csv.DictReader(f)]
            print(
                f"out_of_scope.csv (n={len(oos)}) auto-routed: catalogue-only "
                f"{auto_rate(model, oos):.2f}, with examples {auto_rate(learnt, oos):.2f}"
            )


if __name__ == "__main__":
    main()
