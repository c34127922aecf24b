from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from anliegen.routing.engine import RoutingModel
from tests.portal.demo import load_slice, train_slice


@pytest.fixture(scope="session")
def routing_model() -> RoutingModel:
    return train_slice()


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


@pytest.fixture
def catalogue(
    db: None, monkeypatch: pytest.MonkeyPatch, settings: Any, routing_model: RoutingModel
) -> None:
    """The portal's demo slice with the demo city's street list."""
    load_slice(monkeypatch, settings, routing_model)
