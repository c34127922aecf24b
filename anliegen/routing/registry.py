"""The active routing model, loaded once per process and refreshed when a new one is trained."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from .engine import RoutingModel, loads
from .models import RoutingModelVersion

RECHECK_SECONDS = 30.0


@dataclass
class _Loaded:
    version_id: int | None  # None: no model trained yet (remembered too, or every call asks)
    model: RoutingModel | None
    checked_at: float


_lock = threading.Lock()
_loaded: _Loaded | None = None


def current_model() -> RoutingModel | None:
    """The active model; checks the database for a newer one at most every 30 seconds."""
    global _loaded
    with _lock:
        now = time.monotonic()
        if _loaded is not None and now - _loaded.checked_at < RECHECK_SECONDS:
            return _loaded.model
        active_id = (
            RoutingModelVersion.objects.filter(is_active=True)
            .order_by("-created_at")
            .values_list("pk", flat=True)
            .first()
        )
        if active_id is None:
            _loaded = _Loaded(None, None, now)
            return None
        if _loaded is None or _loaded.version_id != active_id:
            blob = RoutingModelVersion.objects.values_list("blob", flat=True).get(pk=active_id)
            _loaded = _Loaded(active_id, loads(bytes(blob)), now)
        _loaded.checked_at = now
        return _loaded.model


def forget() -> None:
    """Drop the cached model (after training in this process, and in tests)."""
    global _loaded
    with _lock:
        _loaded = None
