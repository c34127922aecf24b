"""Intent beside service: is a text a new request, a status inquiry about a running
procedure, a question, a complaint or a defect report?

Plain Python, no Django: a multinomial naive Bayes over folded words, learned from labelled
examples (routing/data/realistic.csv, column ``intent``), plus cue tokens for the phrasings
that mark a status inquiry ("wo steht", "noch nichts gehört", "wann bekomme ich",
"Aktenzeichen", "Stand"): something was applied for in the past, and the writer asks where it
is. Cues weigh more than single words because a handful of examples cannot teach them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

INTENTS = ("new_request", "status_inquiry", "question", "complaint", "defect_report")
STATUS = "status_inquiry"
CUE_WEIGHT = 3

_CUES: dict[str, re.Pattern[str]] = {
    # something was started before
    "applied": re.compile(
        r"\b(?:beantragt|eingereicht|bestellt|abgegeben|geschickt|gestellt|angemeldet|"
        r"abgemeldet|ummeldung|gebucht|bezahlt|hatte\s+(?:den|meinen|einen)\s+termin)\b"
    ),
    "ago": re.compile(
        r"\bvor\s+(?:\d+|einer?|zwei|drei|vier|fünf|sechs|acht)\s+(?:tag|woche|monat)\w*"
        r"|\bseit\s+(?:\d+|zwei|drei|vier|fünf|sechs)\s+(?:woche|monat)\w*"
        r"|\bam\s+\d{1,2}\.\s*(?:\d{1,2}\.|januar|februar|märz|april|mai|juni|juli|august)"
    ),
    "missing": re.compile(
        # "noch nicht" only of the thing applied for, not of a lamp that "brennt noch nicht"
        r"\bnoch\s+(?:keine?n?|nichts)\b|\bnoch\s+nicht\s+(?:da|angekommen|eingetroffen|"
        r"bekommen|erhalten|fertig|eingetragen)\b|\bnie\s+(?:was|an)\b|\bkam\s+nie\b"
        r"|\bnichts\s+(?:gehört|angekommen|bekommen)|\bbisher\s+(?:keine?|nichts)\b"
        r"|\bbis\s+heute\s+(?:ist\s+)?nichts\b|\bund\s+nichts\b|\bnichts\s+eingetroffen"
        r"|\bnicht\s+eingetroffen|\bkeine?n?\s+(?:antwort|bestätigung|nachricht|post|papiere)"
    ),
    "when": re.compile(
        r"\bwann\s+(?:bekomme|bekommen|kommt|ist|kann|wird)\b"
        r"|\bwie\s+lange\s+dauert\s+das\s+(?:noch|normalerweise)"
    ),
    "ready": re.compile(
        r"\b(?:fertig|abholbereit|schon\s+da|schon\s+eingetragen|durch)\s*\?"
        r"|\b(?:angekommen|eingegangen)\s*\?|\bwas\s+fehlt\s+noch"
    ),
    "status": re.compile(
        r"\bwo\s+steht\b|\bsachstand|\bbearbeitungsstand|\b(?:der|den|zum)\s+stand\b"
        r"|\baktenzeichen\b|\bvorgangsnummer\b|\bantragsnummer\b|\bvorgang\s+\S*\d"
        r"|\bzeichen\s+\S*\d"
    ),
    # frustration: a complaint about how it went, even when a procedure is running
    "annoyed": re.compile(
        r"\b(?:unverschämt|unmöglich|lächerlich|zumutung|katastrophe|beschwer\w*|"
        r"angeblich|danke\s+für\s+nichts|was\s+denn\s+nun|wie\s+kann\s+das\s+sein)\b"
        r"|\bhieß\s+es\b"
    ),
}
_WORD = re.compile(r"[a-zäöüß]{3,}")


def cues(text: str) -> list[str]:
    """The status cues found in ``text``, by name."""
    low = text.lower()
    return [name for name, pattern in _CUES.items() if pattern.search(low)]


def _tokens(text: str) -> list[str]:
    low = text.lower()
    words = _WORD.findall(low)
    found = cues(text)
    extra = [f"__cue_{c}" for c in found] * CUE_WEIGHT
    # The combination is the signal: "beantragt" alone is a new request's word too.
    if "annoyed" in found:
        return words + extra
    if "applied" in found and ({"missing", "when", "ready"} & set(found)):
        extra += ["__cue_applied_and_asks"] * (2 * CUE_WEIGHT)
    return words + extra


@dataclass(frozen=True)
class IntentResult:
    intent: str
    confidence: float
    cues: tuple[str, ...]


class IntentModel:
    """Multinomial naive Bayes with Laplace smoothing; tiny, deterministic, explainable."""

    def __init__(self, alpha: float = 0.5) -> None:
        self.alpha = alpha
        self.priors: dict[str, float] = {}
        self.counts: dict[str, Counter[str]] = {}
        self.totals: dict[str, int] = {}
        self.vocabulary: set[str] = set()

    def fit(self, examples: Iterable[tuple[str, str]]) -> IntentModel:
        per_intent: Counter[str] = Counter()
        for text, intent in examples:
            if intent not in INTENTS:
                continue
            per_intent[intent] += 1
            tokens = _tokens(text)
            self.counts.setdefault(intent, Counter()).update(tokens)
            self.vocabulary.update(tokens)
        total = sum(per_intent.values())
        self.priors = {i: math.log(n / total) for i, n in per_intent.items()}
        self.totals = {i: sum(c.values()) for i, c in self.counts.items()}
        return self

    def scores(self, text: str) -> dict[str, float]:
        tokens = [t for t in _tokens(text) if t in self.vocabulary]
        size = len(self.vocabulary) or 1
        log: dict[str, float] = {}
        for intent, prior in self.priors.items():
            counts, total = self.counts[intent], self.totals[intent]
            log[intent] = prior + sum(
                math.log((counts[t] + self.alpha) / (total + self.alpha * size)) for t in tokens
            )
        top = max(log.values())
        exp = {i: math.exp(v - top) for i, v in log.items()}
        norm = sum(exp.values())
        return {i: v / norm for i, v in exp.items()}

    def recognise(self, text: str) -> IntentResult:
        if not self.priors:
            raise ValueError("the intent model is not trained")
        scores = self.scores(text)
        intent = max(scores, key=lambda i: scores[i])
        return IntentResult(intent, round(scores[intent], 3), tuple(cues(text)))
