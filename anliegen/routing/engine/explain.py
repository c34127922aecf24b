"""Why a service was suggested: the words that weighed most, the catalogue phrases they
match, and the most similar past example (a staff decision the model learnt from)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from scipy import sparse

from .features import Analysis
from .normalize import stem
from .schema import Evidence

if TYPE_CHECKING:
    from .model import RoutingModel

MAX_TERMS = 3
MAX_SYNONYMS = 2
SNIPPET = 120


def _shorten(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET else flat[: SNIPPET - 1].rstrip() + "…"


def explain(
    model: RoutingModel,
    column: int,
    x: sparse.csr_matrix,
    weights: npt.NDArray[np.float32],  # the service's weights of the query's features
    analysis: Analysis,
) -> tuple[Evidence, ...]:
    featurizer = model.featurizer
    by_word: dict[str, float] = {}
    for j, value, weight in zip(x.indices, x.data, weights, strict=True):
        contribution = float(value) * float(weight)
        sources = analysis.sources.get(model.inverse_vocab[j], set())
        for word in sources:
            by_word[word] = by_word.get(word, 0.0) + contribution / len(sources)
    total = sum(v for v in by_word.values() if v > 0) or 1.0
    terms = [
        w for w, v in sorted(by_word.items(), key=lambda kv: (-kv[1], kv[0])) if v > 0.1 * total
    ][:MAX_TERMS]
    evidence = [Evidence("term", w) for w in terms]

    query_stems = {stem(f) for w in analysis.content for f in featurizer.expand(w)}
    matched: list[tuple[int, str]] = []
    for phrase, phrase_stems in zip(model.phrases[column], model.phrase_stems(column), strict=True):
        overlap = len(phrase_stems & query_stems)
        if overlap:
            matched.append((overlap, phrase))
    matched.sort(key=lambda m: (-m[0], len(m[1])))
    evidence += [Evidence("synonym", p) for _, p in matched[:MAX_SYNONYMS]]

    if model.example_vectors is not None and model.example_vectors.shape[0] and x.nnz:
        mine = np.flatnonzero(model.example_labels == column)
        if len(mine):
            sims = np.asarray((model.example_vectors[mine] @ x.T).todense()).ravel()
            best = int(np.argmax(sims))
            if sims[best] >= 0.3:
                evidence.append(Evidence("example", _shorten(model.example_texts[mine[best]])))
    return tuple(evidence)
