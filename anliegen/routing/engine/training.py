"""Training: catalogue phrases and staff examples → classifier → calibrated model."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.svm import LinearSVC

from .calibrate import OFF_TOPIC, Calibrator, fit_calibrator, inbox_off_topic_texts
from .features import Featurizer
from .model import PROFILE_WEIGHT, RoutingModel
from .schema import Example, ServiceDoc
from .synth import Phrase, catalogue_phrases, perturb, wrap

FORMAT = "anliegen-routing-6"  # 2: profiles; 3: in/im; 4: roads; 5: profile 6; 6: off-topic
EXAMPLE_WEIGHT = 2.0  # a real citizen text routed by staff is worth two catalogue phrases
SVM_C = 1.0  # chosen on the dev protocol (5-fold CV, train split): 0.5 → 79.9 %, 1.0 → 80.5 %
PRUNE = 0.02  # weights smaller than this (in absolute value) are dropped: 10× smaller model
EXAMPLE_FEATURES = 64  # strongest features kept per stored example
OFF_TOPIC_SHARE = 4  # in-scope calibration queries per off-topic text, at most
UNSURE = Calibrator(temperature=0.1, coef=(8.0, 0.0, 0.0, 0.0), intercept=-4.0)


def model_version(services: Sequence[ServiceDoc], examples: Sequence[Example], seed: int) -> str:
    """Same inputs, same version: a retrain without changes is recognisably the same model."""
    payload = json.dumps(
        [
            FORMAT,
            seed,
            [list(vars(s).values()) for s in services],
            [list(vars(e).values()) for e in examples],
        ],
        ensure_ascii=False,
        sort_keys=True,
        default=list,
    )
    return "r1-" + hashlib.sha256(payload.encode()).hexdigest()[:16]


def _phrases(
    services: Sequence[ServiceDoc], examples: Sequence[Example], rng: random.Random
) -> list[Phrase]:
    out: list[Phrase] = []
    for s in services:
        out += catalogue_phrases(s.key, s.name, s.citizen_name, s.description, s.synonyms, rng)
    out += [Phrase(e.text, e.service_key, EXAMPLE_WEIGHT * e.weight) for e in examples]
    return out


def profile_text(service: ServiceDoc) -> str:
    """A service's whole catalogue entry as one text (see PROFILE_WEIGHT in model)."""
    return " \n".join(
        [service.name, service.citizen_name, service.description, ", ".join(service.synonyms)]
    )


def _example_vectors(feat: Featurizer, texts: Sequence[str]) -> sparse.csr_matrix:
    """Example vectors cut to their strongest features: small to store, same neighbours."""
    rows = feat.matrix(texts).tolil()
    for i, (cols, vals) in enumerate(zip(rows.rows, rows.data, strict=True)):
        if len(vals) > EXAMPLE_FEATURES:
            keep = sorted(np.argsort(np.abs(vals))[-EXAMPLE_FEATURES:])
            norm = float(np.linalg.norm(np.array(vals)[keep])) or 1.0
            rows.rows[i] = [cols[k] for k in keep]
            rows.data[i] = [vals[k] / norm for k in keep]
    return sparse.csr_matrix(rows, dtype=np.float32)


def _build(
    services: Sequence[ServiceDoc], examples: Sequence[Example], seed: int, version: str
) -> RoutingModel:
    keys = tuple(s.key for s in services)
    column = {k: i for i, k in enumerate(keys)}
    examples = [e for e in examples if e.service_key in column and e.text.strip()]
    phrases = _phrases(services, examples, random.Random(seed))
    texts = [p.text for p in phrases]
    feat = Featurizer.fit(texts)
    x = feat.matrix(texts)
    y = np.array([column[p.key] for p in phrases])
    coef: npt.NDArray[np.float64] = np.zeros((1, x.shape[1]))
    bias: npt.NDArray[np.float64] = np.zeros(1)
    if len(keys) > 1:
        svm = LinearSVC(C=SVM_C, random_state=seed, max_iter=5000)
        svm.fit(x, y, sample_weight=np.array([p.weight for p in phrases]))
        coef, bias = svm.coef_, svm.intercept_
    if len(keys) == 2:  # binary LinearSVC keeps one weight vector; make it one per service
        coef, bias = np.vstack([-coef, coef]), np.array([-bias[0], bias[0]])
    coef = np.where(np.abs(coef) >= PRUNE, coef, 0.0)
    # The profile cosine is linear in the query, so it is folded into the weights: same scores
    # as a separate profile × query product, at no cost per suggestion.
    profiles = feat.matrix([profile_text(s) for s in services])
    weights = sparse.csr_matrix(coef.T) + PROFILE_WEIGHT * profiles.T.tocsr()
    return RoutingModel(
        version=version,
        keys=keys,
        featurizer=feat,
        weights=sparse.csr_matrix(weights, dtype=np.float32),
        bias=bias.astype(np.float32),
        calibrator=UNSURE,
        phrases=tuple((s.name, s.citizen_name, *s.synonyms) for s in services),
        example_texts=tuple(e.text for e in examples),
        example_labels=np.array([column[e.service_key] for e in examples], np.int32),
        example_weights=np.array([e.weight for e in examples], np.float32),
        example_vectors=_example_vectors(feat, [e.text for e in examples]) if examples else None,
    )


def _off_topic_share(queries: list[tuple[str, str | None]], seed: int) -> list[str]:
    """The general off-topic texts, plus the team's inbox texts up to one per OFF_TOPIC_SHARE
    in-scope queries: a small catalogue has few in-scope calibration texts, and 164 off-topic
    ones would teach it to doubt everything."""
    extra = list(inbox_off_topic_texts())
    in_scope = sum(1 for _text, key in queries if key is not None)
    room = max(0, in_scope // OFF_TOPIC_SHARE - len(OFF_TOPIC))
    if len(extra) > room:
        extra = random.Random(seed + 2).sample(extra, room)
    return [*OFF_TOPIC, *extra]


def _calibrate(
    services: Sequence[ServiceDoc], examples: Sequence[Example], seed: int
) -> Calibrator:
    """Fit the calibrator on a model that has not seen the calibration texts (see calibrate)."""
    rng = random.Random(seed + 1)
    if len(services) < 4:
        return UNSURE
    left_out = set(rng.sample([s.key for s in services], max(1, len(services) // 7)))
    kept: list[ServiceDoc] = []
    queries: list[tuple[str, str | None]] = []
    for s in services:
        if s.key in left_out:
            for text in (s.name, s.citizen_name, *s.synonyms[:3]):
                queries.append((wrap(perturb(text, rng), rng), None))
            continue
        synonyms = list(s.synonyms)
        rng.shuffle(synonyms)
        held = synonyms[: len(synonyms) // 3] if len(synonyms) >= 3 else []
        kept.append(replace(s, synonyms=tuple(synonyms[len(held) :])))
        for text in held:
            queries += [(wrap(text, rng), s.key), (wrap(perturb(text, rng), rng), s.key)]
    usable = [e for e in examples if e.service_key not in left_out]
    rng.shuffle(usable)
    cut = len(usable) * 7 // 10
    queries += [(e.text, e.service_key) for e in usable[cut:]]
    queries += [(text, None) for text in _off_topic_share(queries, seed)]
    partial = _build(kept, usable[:cut], seed, "calibration")
    column = {k: i for i, k in enumerate(partial.keys)}
    rows, coverages, truth = [], [], []
    for text, key in queries:
        raw, coverage, _analysis, _x, _local = partial.scores(text)
        rows.append(raw)
        coverages.append(coverage)
        truth.append(column[key] if key is not None else None)
    return fit_calibrator(rows, coverages, truth)


def build_uncalibrated(
    services: Sequence[ServiceDoc], examples: Sequence[Example] = (), *, seed: int = 0
) -> RoutingModel:
    """The ranking model without calibration (same ranking as ``train``; for development)."""
    services = sorted(services, key=lambda s: s.key)
    known = {s.key for s in services}
    examples = [e for e in examples if e.service_key in known and e.text.strip()]
    return _build(services, examples, seed, "uncalibrated")


def train(
    services: Sequence[ServiceDoc], examples: Sequence[Example] = (), *, seed: int = 0
) -> RoutingModel:
    """Train a model for ``services``, learning also from routed/corrected ``examples``."""
    services = sorted(services, key=lambda s: s.key)
    if not services:
        raise ValueError("cannot train a routing model without services")
    known = {s.key for s in services}
    examples = [e for e in examples if e.service_key in known and e.text.strip()]
    version = model_version(services, examples, seed)
    model = _build(services, examples, seed, version)
    model.calibrator = _calibrate(services, examples, seed)
    return model
