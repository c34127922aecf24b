from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from anliegen.routing.engine import RoutingModel

from ..clamav import clamd  # noqa: F401 - session fixture: a real clamd
from .demo import load_slice, train_slice


@pytest.fixture(scope="session")
def routing_model() -> RoutingModel:
    return train_slice()


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate-limit counters and used challenges live in the cache: start every test clean."""
    cache.clear()


@pytest.fixture
def catalogue(
    db: None, monkeypatch: pytest.MonkeyPatch, settings: Any, routing_model: RoutingModel
) -> None:
    load_slice(monkeypatch, settings, routing_model)
