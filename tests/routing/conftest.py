from __future__ import annotations

import functools
from collections.abc import Sequence

import pytest

from anliegen.routing import training
from anliegen.routing.engine import Example, RoutingModel, ServiceDoc, train


@functools.lru_cache(maxsize=16)
def _train_once(
    services: tuple[ServiceDoc, ...],
    examples: tuple[Example, ...],
    places: tuple[str, ...],
    calibration: tuple[Example, ...],
) -> RoutingModel:
    return train(services, examples, places=places, calibration=calibration)


def _memo_train(
    services: Sequence[ServiceDoc],
    examples: Sequence[Example] = (),
    *,
    places: Sequence[str] = (),
    calibration: Sequence[Example] = (),
) -> RoutingModel:
    # Training is deterministic, so the same catalogue and history give the same model: the
    # tests share it instead of training the identical model a dozen times.
    return _train_once(tuple(services), tuple(examples), tuple(places), tuple(calibration))


@pytest.fixture(autouse=True)
def _share_identical_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(training, "train", _memo_train)
