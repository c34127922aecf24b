"""Intent figures on the realistic routing set: learned on the development part, measured on
the holdout part. Run: python bench/intent.py"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from anliegen.routing.engine.intent import INTENTS, STATUS, IntentModel
from anliegen.routing.intent import labelled


def main() -> None:
    model = IntentModel().fit(labelled("dev"))
    holdout = labelled("holdout")
    predicted = [(model.recognise(text).intent, intent) for text, intent in holdout]
    accuracy = sum(p == t for p, t in predicted) / len(holdout)
    print(f"holdout: {len(holdout)} texts, accuracy {accuracy:.1%}")
    for intent in INTENTS:
        tp = sum(1 for p, t in predicted if p == t == intent)
        pos = sum(1 for _, t in predicted if t == intent)
        sel = sum(1 for p, _ in predicted if p == intent)
        recall = tp / pos if pos else 0.0
        precision = tp / sel if sel else 0.0
        mark = "  <- target ≥ 90 % recall, ≥ 95 % precision" if intent == STATUS else ""
        figures = f"recall {tp}/{pos} = {recall:.1%}  precision {tp}/{sel} = {precision:.1%}"
        print(f"{intent:15} {figures}{mark}")


if __name__ == "__main__":
    main()
