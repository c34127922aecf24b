"""Turning raw classifier scores into a probability of being right.

The classifier's scores are not probabilities, and a softmax over them is overconfident on
texts unlike anything in the catalogue (a weather question still has *some* best service).
So a small logistic regression maps a few signals of the top suggestion to P(correct):
the softmax probability, the raw score, the margin to the runner-up and how many of the
text's words the catalogue knows at all. It is fitted on texts the classifier never saw:
held-out synonyms, held-out staff examples, and services left out entirely (which stand for
concerns the catalogue does not cover, and so must come out as "not sure").
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression

# General off-topic texts: the calibrator must learn that these deserve low confidence.
OFF_TOPIC = (
    "Wie wird das Wetter am Wochenende?",
    "Ich suche ein Rezept für Apfelkuchen.",
    "Wer hat gestern das Fußballspiel gewonnen?",
    "Können Sie mir einen guten Witz erzählen?",
    "Mein Computer startet nicht mehr, was soll ich tun?",
    "Welcher Film läuft heute im Fernsehen?",
    "Ich liebe dich",
    "asdf jklö qwertz",
    "Hallo, ich habe eine Frage.",
    "Test test 123",
    "What is the meaning of life?",
    "Bitte rufen Sie mich zurück.",
)
# More of what a city's inbox receives that no service covers (other authorities, companies,
# private disputes, spam, auto-replies, greetings, other towns' matters, English), written by
# the team from the catalogue alone. Dev protocol (5-fold CV on the train split, calibrated
# models, threshold 0.5, half of these texts held out): in-scope texts routed automatically
# 82.9 → 82.1 %, of those right 95.8 → 96.0 %; held-out off-topic texts routed automatically
# 17.0 → 12.8 %.
OFF_TOPIC_FILE = Path(__file__).resolve().parent / "data" / "off_topic.csv"


@cache
def inbox_off_topic_texts() -> tuple[str, ...]:
    """The team's off-topic inbox texts (OFF_TOPIC_FILE)."""
    with OFF_TOPIC_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple(row["text"] for row in csv.DictReader(handle) if row["text"])


def softmax(scores: npt.NDArray[np.float64], temperature: float) -> npt.NDArray[np.float64]:
    z = scores / temperature
    z = z - z.max()
    e = np.exp(z)
    return np.asarray(e / e.sum(), dtype=np.float64)


def signals(
    scores: npt.NDArray[np.float64],
    temperature: float,
    coverage: float,
    first: int,
    world: float = 0.0,
    office_ids: npt.NDArray[np.int32] | None = None,
) -> list[float]:
    """The calibrator's inputs for the suggestion ``first``.

    The first four are those of models before format 7 (a stored calibrator with four
    coefficients reads only them): softmax probability, raw score, margin to the best other
    service, share of the text's words the catalogue knows. Then the signs of unfamiliarity
    and of competition: share of words reached only through world knowledge, the softmax mass
    of the suggestion's office, and whether the runner-up belongs to the same office.
    """
    probs = softmax(scores, temperature)
    others = np.delete(np.arange(len(scores)), first)
    second = int(others[np.argmax(scores[others])]) if len(others) else first
    s1 = float(scores[first])
    margin = s1 - float(scores[second]) if second != first else 1.0
    p1 = float(probs[first])
    if office_ids is not None and len(office_ids) == len(scores):
        mass = float(probs[office_ids == office_ids[first]].sum())
        same = float(second != first and office_ids[second] == office_ids[first])
    else:
        mass, same = p1, 0.0
    return [p1, s1, margin, coverage, world, mass, same]


@dataclass(frozen=True)
class Calibrator:
    temperature: float
    coef: tuple[float, ...]
    intercept: float

    def probability(self, x: list[float]) -> float:
        z = self.intercept + sum(c * v for c, v in zip(self.coef, x[: len(self.coef)], strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def confidence(self, scores: npt.NDArray[np.float64], coverage: float) -> float:
        """P(right) of the best-scored service from the first four signals (older callers)."""
        first = int(np.argmax(scores))
        return self.probability(signals(scores, self.temperature, coverage, first))


def fit_temperature(score_rows: list[npt.NDArray[np.float64]], labels: list[int]) -> float:
    """The softmax temperature with the lowest log-loss on held-out in-scope texts."""
    if not score_rows:
        return 0.1
    grid = np.geomspace(0.01, 2.0, 40)
    losses = [
        -sum(
            math.log(max(softmax(s, t)[y], 1e-12)) for s, y in zip(score_rows, labels, strict=True)
        )
        for t in grid
    ]
    return float(grid[int(np.argmin(losses))])


def fit_calibrator(temperature: float, x: list[list[float]], right: list[int]) -> Calibrator:
    """A logistic regression from signals to P(right); ``right[i]`` is 1 when the suggestion
    of row i was right (its office, where offices are known)."""
    if len(set(right)) < 2:  # degenerate tiny catalogues: fall back to the softmax alone
        return Calibrator(temperature, (8.0, 0.0, 0.0, 0.0), -4.0)
    lr = LogisticRegression(C=1.0, max_iter=2000).fit(np.array(x), np.array(right))
    return Calibrator(temperature, tuple(float(c) for c in lr.coef_[0]), float(lr.intercept_[0]))
