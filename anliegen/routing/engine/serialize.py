"""Model ⇄ bytes without pickle.

The blob lives in the database and outlives library upgrades, so it holds only plain data: a
JSON header (vocabulary, words, phrases, examples, calibration) and numpy arrays in an .npz
read with ``allow_pickle=False``. Loading therefore runs no code from the blob and does not
depend on the scikit-learn version that trained it (scikit-learn is needed only for training).
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib

import numpy as np
from scipy import sparse

from .calibrate import Calibrator
from .features import Featurizer
from .model import RoutingModel
from .normalize import stem

MAGIC = b"ANLIEGEN-ROUTING\x01"


def _csr_arrays(prefix: str, m: sparse.csr_matrix | None) -> dict[str, np.ndarray]:
    if m is None:
        return {}
    return {
        f"{prefix}_data": m.data.astype(np.float32),
        f"{prefix}_indices": m.indices.astype(np.int32),
        f"{prefix}_indptr": m.indptr.astype(np.int64),
        f"{prefix}_shape": np.array(m.shape, np.int64),
    }


def _csr(prefix: str, arrays: dict[str, np.ndarray]) -> sparse.csr_matrix | None:
    if f"{prefix}_data" not in arrays:
        return None
    shape = tuple(int(v) for v in arrays[f"{prefix}_shape"])
    return sparse.csr_matrix(
        (arrays[f"{prefix}_data"], arrays[f"{prefix}_indices"], arrays[f"{prefix}_indptr"]),
        shape=shape,
    )


def dumps(model: RoutingModel) -> bytes:
    feat = model.featurizer
    cal = model.calibrator
    header = {
        "version": model.version,
        "keys": list(model.keys),
        "vocab": model.inverse_vocab,
        "known": sorted(feat.known),
        "phrases": [list(p) for p in model.phrases],
        "examples": list(model.example_texts),
        "calibrator": [cal.temperature, list(cal.coef), cal.intercept],
        "world": {key: " ".join(stems) for key, stems in sorted(feat.world.items())},
        "places": sorted(feat.places),
        "offices": list(model.offices),
    }
    head = zlib.compress(json.dumps(header, ensure_ascii=False).encode(), 6)
    arrays = {
        "idf": feat.idf,
        "bias": model.bias,
        "example_labels": model.example_labels,
        "example_weights": model.example_weights,
        **_csr_arrays("weights", model.weights),
        **_csr_arrays("examples", model.example_vectors),
    }
    body = io.BytesIO()
    # np.savez stamps the current time into the zip; a fixed stamp keeps the bytes a pure
    # function of the model (same training inputs → same blob).
    with zipfile.ZipFile(body, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as member:
                np.lib.format.write_array(member, np.asarray(array), allow_pickle=False)
    return MAGIC + struct.pack(">Q", len(head)) + head + body.getvalue()


def loads(data: bytes) -> RoutingModel:
    if not data.startswith(MAGIC):
        raise ValueError("not a routing model (or one from an incompatible engine version)")
    start = len(MAGIC) + 8
    (size,) = struct.unpack(">Q", data[len(MAGIC) : start])
    header = json.loads(zlib.decompress(data[start : start + size]))
    with np.load(io.BytesIO(data[start + size :]), allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    known = frozenset(header["known"])
    feat = Featurizer(
        vocab={name: i for i, name in enumerate(header["vocab"])},
        idf=arrays["idf"],
        known=known,
        stems=frozenset(stem(w) for w in known),
        world={key: tuple(value.split()) for key, value in header.get("world", {}).items()},
        places=frozenset(header.get("places", [])),
    )
    temperature, coef, intercept = header["calibrator"]
    weights = _csr("weights", arrays)
    if weights is None:
        raise ValueError("routing model without weights")
    return RoutingModel(
        version=header["version"],
        keys=tuple(header["keys"]),
        featurizer=feat,
        weights=weights,
        bias=arrays["bias"],
        calibrator=Calibrator(float(temperature), tuple(coef), float(intercept)),
        phrases=tuple(tuple(p) for p in header["phrases"]),
        example_texts=tuple(header["examples"]),
        example_labels=arrays["example_labels"],
        example_weights=arrays["example_weights"],
        example_vectors=_csr("examples", arrays),
        offices=tuple(header.get("offices", [])),
    )
