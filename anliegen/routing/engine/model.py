"""The routing model: a linear classifier over catalogue words, plus staff examples."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy import sparse

from .calibrate import Calibrator, signals, softmax
from .explain import explain
from .features import Analysis, Featurizer
from .history_model import HistoryModel
from .lexicon import STOPWORDS
from .normalize import stem, words
from .schema import Scored

# A past example this similar (cosine) or more starts to pull its service up; at 1.0 the pull
# is EXAMPLE_PULL raw-score units, enough to overturn the catalogue for a near-identical text.
EXAMPLE_MIN_SIM = 0.3
EXAMPLE_PULL = 1.5
# Cosine of the query to each service's whole catalogue entry (name, citizen name, description,
# synonyms as one text) is added with this weight. The classifier learns which words tell
# services apart; the profile keeps every word of the entry, so a concern described only in
# a description's everyday words still counts. Chosen on the dev protocol (5-fold CV on the
# train split, top-1 / top-3): weight 0 → 80.5 / 92.6 %, 2 → 81.3 / 93.7 %, 6 → 82.4 / 94.0 %,
# 10 → 83.2 / 94.3 %, 15 → 82.3 / 93.9 %; with place words weakened (features.PLACE_WEIGHT)
# 6 → 83.8 / 94.3 %, 10 → 83.5 / 93.9 %; with road numbers read, 8 → 84.8 / 94.3 %,
# 6 → 84.9 / 94.8 %; with three more team texts per service and everyday synonyms in the
# catalogue, 8 → 88.4 / 96.7 %, 6 → 88.9 / 96.9 %. Being linear in the query, the term is
# folded into ``weights`` at training time.
PROFILE_WEIGHT = 6.0
# Route without a human at or above this calibrated confidence (see docs/design/routing.md).
# On the realistic dev rows with cross-fitted calibration (bench/routing_threshold.py) the
# smallest threshold with ≥ 95 % right office is 0.75 (66.7 % routed / 96.2 % right; 0.5 →
# 80.8 / 91.6 %); holdout once: 0.75 → 68.7 / 96.4 %. A catalogue without real calibration
# texts (confidence fitted on held-out synonyms) gives lower confidences and so routes less
# at this threshold; such a city can lower RoutingPolicy.auto_route_threshold.
DEFAULT_AUTO_ROUTE_THRESHOLD = 0.75
# Office first: when the softmax mass of another office's services is larger than that of the
# best-scored service's office, that office's best service is suggested first (near twins in
# one office split their probability, which is the office's). Realistic dev set, office top-1:
# 84.4 % without, 84.5 % with (labelled test split 92.9 → 93.2 %).
OFFICE_FIRST = True

# raw scores, coverage, analysis, query vector, weight rows of the query's features
_Scores = tuple[
    npt.NDArray[np.float64], float, Analysis, sparse.csr_matrix, npt.NDArray[np.float32]
]


@dataclass
class RoutingModel:
    version: str
    keys: tuple[str, ...]
    featurizer: Featurizer
    weights: sparse.csr_matrix  # features × services
    bias: npt.NDArray[np.float32]
    calibrator: Calibrator
    phrases: tuple[tuple[str, ...], ...]  # per service: name, citizen name, synonyms
    example_texts: tuple[str, ...] = ()
    example_labels: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    example_weights: npt.NDArray[np.float32] = field(
        default_factory=lambda: np.zeros(0, np.float32)
    )
    example_vectors: sparse.csr_matrix | None = None  # examples × features, L2-normalised
    offices: tuple[str, ...] = ()  # per service: its lead unit's key ("" unknown)

    inverse_vocab: list[str] = field(init=False, repr=False)
    office_ids: npt.NDArray[np.int32] | None = field(init=False, repr=False)
    history: HistoryModel | None = field(init=False, repr=False)
    _phrase_stems: dict[int, list[frozenset[str]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.featurizer.prepare()
        self.inverse_vocab = [""] * len(self.featurizer.vocab)
        for name, j in self.featurizer.vocab.items():
            self.inverse_vocab[j] = name
        self._phrase_stems = {}
        self.office_ids = None
        self.history = None
        if self.example_vectors is not None and self.example_vectors.shape[0]:
            self.history = HistoryModel(
                self.example_vectors, self.example_labels, self.example_weights, len(self.keys)
            )
        if len(self.offices) == len(self.keys) and any(self.offices):
            # a service without an office is an office of its own
            names = [o or f"\x00{k}" for o, k in zip(self.offices, self.keys, strict=True)]
            index = {name: i for i, name in enumerate(dict.fromkeys(names))}
            self.office_ids = np.array([index[n] for n in names], np.int32)

    def phrase_stems(self, column: int) -> list[frozenset[str]]:
        """Stems of each catalogue phrase of a service, compounds split (for explanations)."""
        cached = self._phrase_stems.get(column)
        if cached is None:
            cached = [
                frozenset(
                    stem(f)
                    for w in words(p)
                    if w not in STOPWORDS
                    for f in self.featurizer.expand(w)
                )
                for p in self.phrases[column]
            ]
            self._phrase_stems[column] = cached
        return cached

    def _vector(self, text: str) -> tuple[sparse.csr_matrix, float, Analysis]:
        x, coverage, _world, analysis = self.vector(text)
        return x, coverage, analysis

    def vector(self, text: str) -> tuple[sparse.csr_matrix, float, float, Analysis]:
        """Query vector, share of words the catalogue knows, share reached only through world
        knowledge (engine.world), and the analysis."""
        analysis = self.featurizer.analyze(text)
        idx, val = self.featurizer.weigh(analysis.counts)
        x = sparse.csr_matrix(
            (np.array(val, np.float32), np.array(idx, np.int32), np.array([0, len(idx)])),
            shape=(1, len(self.featurizer.vocab)),
        )
        known = sum(
            1
            for w in analysis.content
            if any("w:" + stem(f) in self.featurizer.vocab for f in self.featurizer.expand(w))
        )
        n = len(analysis.content)
        coverage = known / n if n else 0.0
        world = (
            sum(1 for w in analysis.content if self.featurizer.world_features(w)) / n if n else 0.0
        )
        return x, coverage, world, analysis

    def scores(self, text: str) -> _Scores:
        """Raw per-service scores (classifier plus pull of similar examples) and coverage."""
        raw, coverage, _world, analysis, x, local = self.assess(text)
        return raw, coverage, analysis, x, local

    def first_choice(self, raw: npt.NDArray[np.float64]) -> int:
        """The service suggested first: the best-scored one, or with OFFICE_FIRST the best
        service of the office with the largest softmax mass."""
        best = int(np.argmax(raw))
        if not OFFICE_FIRST or self.office_ids is None:
            return best
        probs = softmax(raw, self.calibrator.temperature)
        mass = np.bincount(self.office_ids, weights=probs)
        office = int(np.argmax(mass))
        if office == self.office_ids[best]:
            return best
        members = np.flatnonzero(self.office_ids == office)
        return int(members[np.argmax(raw[members])])

    def signals(self, raw: npt.NDArray[np.float64], coverage: float, world: float) -> list[float]:
        return signals(
            raw,
            self.calibrator.temperature,
            coverage,
            self.first_choice(raw),
            world,
            self.office_ids,
        )

    def assess(
        self, text: str
    ) -> tuple[
        npt.NDArray[np.float64],
        float,
        float,
        Analysis,
        sparse.csr_matrix,
        npt.NDArray[np.float32],
    ]:
        """Raw scores, coverage, world share, analysis, query vector, its weight rows."""
        x, coverage, world, analysis = self.vector(text)
        # The weight rows of the query's features, dense: reused by the explanation.
        local = self.weights[x.indices].toarray()
        raw = x.data.astype(np.float64) @ local + self.bias
        if self.example_vectors is not None and self.example_vectors.shape[0] and x.nnz:
            sims = np.asarray((self.example_vectors @ x.T).todense()).ravel()
            pull = np.clip((sims - EXAMPLE_MIN_SIM) / (1 - EXAMPLE_MIN_SIM), 0.0, 1.0)
            pull = pull * EXAMPLE_PULL * np.minimum(self.example_weights, 3.0) / 3.0
            best = np.zeros_like(raw)
            np.maximum.at(best, self.example_labels, pull)
            raw = raw + best
        if self.history is not None:
            raw = raw + self.history.boost(x)
        return raw, coverage, world, analysis, x, local

    def rank(self, text: str, limit: int = 5) -> list[Scored]:
        """The best ``limit`` services for ``text``, most likely first, with reasons."""
        if not self.keys or not text.strip():
            return []
        raw, coverage, world, analysis, x, local = self.assess(text)
        first = self.first_choice(raw)
        top_conf = self.calibrator.probability(self.signals(raw, coverage, world))
        probs = softmax(raw, self.calibrator.temperature)
        rest = [int(j) for j in np.argsort(-raw, kind="stable")[: limit + 1] if j != first]
        order = [first, *rest][:limit]
        scale = top_conf / max(float(probs[first]), 1e-12)
        return [
            Scored(
                service_key=self.keys[j],
                confidence=round(min(1.0, top_conf, float(probs[j]) * scale), 4),
                evidence=explain(self, int(j), x, local[:, j], analysis),
            )
            for j in order
        ]

    def confidence(self, text: str) -> float:
        ranked = self.rank(text, limit=1)
        return ranked[0].confidence if ranked else 0.0

    def is_confident(self, text: str, threshold: float | None = None) -> bool:
        """True when the best suggestion may be routed without a human looking first."""
        limit = DEFAULT_AUTO_ROUTE_THRESHOLD if threshold is None else threshold
        return self.confidence(text) >= limit
