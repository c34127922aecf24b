"""The intent of a citizen's text (engine/intent.py), learned once per process from the
labelled realistic set shipped in routing/data/realistic.csv (all rows; bench/intent.py
measures on the holdout part with a model learned from the development part only)."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from .engine.intent import IntentModel, IntentResult

DATA = Path(__file__).parent / "data" / "realistic.csv"


def labelled(split: str | None = None) -> list[tuple[str, str]]:
    with DATA.open(encoding="utf-8") as handle:
        return [
            (row["text"], row["intent"])
            for row in csv.DictReader(handle)
            if row.get("intent") and (split is None or row.get("split") == split)
        ]


@lru_cache(maxsize=1)
def _model() -> IntentModel:
    return IntentModel().fit(labelled())


def recognise_intent(text: str) -> IntentResult:
    return _model().recognise(text)
