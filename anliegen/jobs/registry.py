"""Apps declare their periodic jobs here, in their AppConfig.ready()."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django_tasks.base import Task

MAX_ATTEMPTS = 4
FIRST_BACKOFF = timedelta(minutes=1)


@dataclass(frozen=True)
class PeriodicSpec:
    name: str
    task: Task[Any, Any]
    every: timedelta
    max_attempts: int = MAX_ATTEMPTS


_registry: dict[str, PeriodicSpec] = {}


def register_periodic(
    name: str, task: Task[Any, Any], *, every: timedelta, max_attempts: int = MAX_ATTEMPTS
) -> None:
    """Run ``task`` (without arguments) every ``every``; the admin may change the interval."""
    if every <= timedelta(0):
        raise ValueError("a periodic job needs a positive interval")
    _registry[name] = PeriodicSpec(name, task, every, max_attempts)


def unregister_periodic(name: str) -> None:
    _registry.pop(name, None)


def periodic_jobs() -> list[PeriodicSpec]:
    return sorted(_registry.values(), key=lambda spec: spec.name)


def get_periodic(name: str) -> PeriodicSpec | None:
    return _registry.get(name)


def backoff(attempt: int) -> timedelta:
    """Wait before retry number ``attempt`` + 1: 1, 2, 4, 8 … minutes."""
    return FIRST_BACKOFF * int(2 ** (attempt - 1))
