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

from .calibrate import (
    OFF_TOPIC,
    Calibrator,
    fit_calibrator,
    fit_temperature,
    inbox_off_topic_texts,
)
from .features import Featurizer
from .model import PROFILE_WEIGHT, RoutingModel
from .schema import Example, ServiceDoc
from .synth import Phrase, catalogue_phrases, perturb, wrap

# 2: profiles; 3: in/im; 4: roads; 5: profile 6; 6: off-topic; 7: world knowledge
FORMAT = "anliegen-routing-7"
EXAMPLE_WEIGHT = 2.0  # a real citizen text routed by staff is worth two catalogue phrases
SVM_C = 1.0  # chosen on the dev protocol (5-fold CV, train split): 0.5 → 79.9 %, 1.0 → 80.5 %
# A feature of a single training row (a typo variant's n-gram, a word of one history text)
# gets no classifier weight: a third of the features, 2 % of the nonzeros, 13 % of the SVM's
# time (bench/routing_training.py). Such features still count in the profile and the examples.
SVM_MIN_ROWS = 2
PRUNE = 0.02  # weights smaller than this (in absolute value) are dropped: 10× smaller model
EXAMPLE_FEATURES = 64  # strongest features kept per stored example
OFF_TOPIC_SHARE = 4  # in-scope calibration queries per off-topic text, at most
CALIBRATION_MIN = 200  # real texts needed to fit the calibrator on them
UNSURE = Calibrator(temperature=0.1, coef=(8.0, 0.0, 0.0, 0.0), intercept=-4.0)


def model_version(
    services: Sequence[ServiceDoc],
    examples: Sequence[Example],
    seed: int,
    places: Sequence[str] = (),
) -> str:
    """Same inputs, same version: a retrain without changes is recognisably the same model."""
    payload = json.dumps(
        [
            FORMAT,
            seed,
            sorted(places),
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


def _example_vectors(rows: sparse.csr_matrix) -> sparse.csr_matrix:
    """Example vectors cut to their strongest features: small to store, same neighbours."""
    rows = sparse.csr_matrix(rows, dtype=np.float32)
    indptr, indices, data = [0], [], []
    for i in range(rows.shape[0]):
        start, end = rows.indptr[i], rows.indptr[i + 1]
        cols, vals = rows.indices[start:end], rows.data[start:end]
        if len(vals) > EXAMPLE_FEATURES:
            keep = np.sort(np.argsort(np.abs(vals))[-EXAMPLE_FEATURES:])
            cols, vals = cols[keep], vals[keep]
            vals = vals / (float(np.linalg.norm(vals)) or 1.0)
        indices.append(cols)
        data.append(vals)
        indptr.append(indptr[-1] + len(cols))
    return sparse.csr_matrix(
        (
            np.concatenate(data).astype(np.float32) if data else np.zeros(0, np.float32),
            np.concatenate(indices).astype(np.int32) if indices else np.zeros(0, np.int32),
            np.array(indptr),
        ),
        shape=rows.shape,
    )


def merge_duplicates(
    x: sparse.csr_matrix, y: npt.NDArray[np.int64], weight: npt.NDArray[np.float64]
) -> tuple[sparse.csr_matrix, npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Identical rows of one service as one row with their summed weight.

    The SVM's objective sums weight × loss over rows, so this is the same problem with fewer
    rows: templates whose extra words are all stop words ("Ich möchte …", "Frage zu …") give
    the very vector of the bare phrase.
    """
    first: dict[tuple[int, bytes, bytes], int] = {}
    keep: list[int] = []
    merged: list[float] = []
    for i in range(x.shape[0]):
        start, end = x.indptr[i], x.indptr[i + 1]
        key = (int(y[i]), x.indices[start:end].tobytes(), x.data[start:end].tobytes())
        at = first.get(key)
        if at is None:
            first[key] = len(keep)
            keep.append(i)
            merged.append(float(weight[i]))
        else:
            merged[at] += float(weight[i])
    return x[keep], y[keep], np.array(merged)


def _build(
    services: Sequence[ServiceDoc],
    examples: Sequence[Example],
    seed: int,
    version: str,
    places: Sequence[str] = (),
) -> RoutingModel:
    keys = tuple(s.key for s in services)
    column = {k: i for i, k in enumerate(keys)}
    examples = [e for e in examples if e.service_key in column and e.text.strip()]
    phrases = _phrases(services, examples, random.Random(seed))
    texts = [p.text for p in phrases]
    feat, x = Featurizer.fit_matrix(texts, places)
    y = np.array([column[p.key] for p in phrases])
    coef: npt.NDArray[np.float64] = np.zeros((1, x.shape[1]))
    bias: npt.NDArray[np.float64] = np.zeros(1)
    if len(keys) > 1:
        rows, labels, weight = merge_duplicates(x, y, np.array([p.weight for p in phrases]))
        used = np.flatnonzero(np.bincount(rows.indices, minlength=x.shape[1]) >= SVM_MIN_ROWS)
        svm = LinearSVC(C=SVM_C, random_state=seed, max_iter=5000)
        svm.fit(rows[:, used], labels, sample_weight=weight)
        coef = np.zeros((svm.coef_.shape[0], x.shape[1]))
        coef[:, used] = svm.coef_
        bias = svm.intercept_
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
        example_vectors=_example_vectors(x[x.shape[0] - len(examples) :]) if examples else None,
        offices=tuple(s.office for s in services),
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


def _fit_on(
    model: RoutingModel, queries: Sequence[tuple[str, str | None]], signals: int = 7
) -> Calibrator:
    """Fit temperature and calibrator on texts ``model`` never saw; key None: no service is
    right. A suggestion counts as right when its office is (its service, without offices).
    Only the first ``signals`` signals are used (see calibrate.signals)."""
    column = {k: i for i, k in enumerate(model.keys)}
    assessed = []
    for text, key in queries:
        if key is not None and key not in column:
            continue
        raw, coverage, world, _analysis, _x, _local = model.assess(text)
        assessed.append((raw, coverage, world, column[key] if key is not None else None))
    in_scope = [(raw, truth) for raw, _c, _w, truth in assessed if truth is not None]
    temperature = fit_temperature([r for r, _ in in_scope], [t for _, t in in_scope])
    model.calibrator = replace(UNSURE, temperature=temperature)  # first_choice reads it
    ids = model.office_ids
    x, right = [], []
    for raw, coverage, world, truth in assessed:
        first = model.first_choice(raw)
        x.append(model.signals(raw, coverage, world)[:signals])
        hit = truth is not None and (first == truth if ids is None else ids[first] == ids[truth])
        right.append(int(hit))
    return fit_calibrator(temperature, x, right)


def _calibrate(
    model: RoutingModel,
    services: Sequence[ServiceDoc],
    examples: Sequence[Example],
    seed: int,
    places: Sequence[str] = (),
    calibration: Sequence[Example] = (),
) -> Calibrator:
    """The calibrator: fitted on the final model's scores of real citizen texts it was not
    trained on (``calibration``) when there are at least CALIBRATION_MIN of them; otherwise
    on a second model trained without some synonyms, examples and services (see calibrate)."""
    known = set(model.keys)
    real = [(e.text, e.service_key) for e in calibration if e.service_key in known]
    if len(real) >= CALIBRATION_MIN:
        queries: list[tuple[str, str | None]] = list(real)
        queries += [(text, None) for text in _off_topic_share(queries, seed)]
        return _fit_on(model, queries)
    rng = random.Random(seed + 1)
    if len(services) < 4:
        return UNSURE
    left_out = set(rng.sample([s.key for s in services], max(1, len(services) // 7)))
    kept: list[ServiceDoc] = []
    queries = []
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
    partial = _build(kept, usable[:cut], seed, "calibration", places)
    # Left-out services stand for concerns the catalogue lacks: no suggestion is right.
    # Synthetic texts have no words the catalogue lacks and no office competition to learn
    # from, so only the first four signals (those of format 6) are fitted.
    kept_keys = set(partial.keys)
    return _fit_on(partial, [(t, k if k in kept_keys else None) for t, k in queries], 4)


def build_uncalibrated(
    services: Sequence[ServiceDoc],
    examples: Sequence[Example] = (),
    *,
    seed: int = 0,
    places: Sequence[str] = (),
) -> RoutingModel:
    """The ranking model without calibration (same ranking as ``train``; for development)."""
    services = sorted(services, key=lambda s: s.key)
    known = {s.key for s in services}
    examples = [e for e in examples if e.service_key in known and e.text.strip()]
    return _build(services, examples, seed, "uncalibrated", places)


def train(
    services: Sequence[ServiceDoc],
    examples: Sequence[Example] = (),
    *,
    seed: int = 0,
    places: Sequence[str] = (),
    calibration: Sequence[Example] = (),
) -> RoutingModel:
    """Train a model for ``services``, learning also from routed/corrected ``examples``.

    ``calibration`` are labelled real citizen texts the model is not trained on; with enough
    of them the confidence is fitted on them instead of on synthetic held-out texts.

    ``places`` are the city's district and street names: they never count as concern words.
    """
    services = sorted(services, key=lambda s: s.key)
    if not services:
        raise ValueError("cannot train a routing model without services")
    known = {s.key for s in services}
    examples = [e for e in examples if e.service_key in known and e.text.strip()]
    version = model_version(services, [*examples, *calibration], seed, places)
    model = _build(services, examples, seed, version, places)
    model.calibrator = _calibrate(model, services, examples, seed, places, calibration)
    return model
