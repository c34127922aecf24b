"""Where the trainer gets staff decisions from, without importing the ticket domain.

Routing sits below tickets: tickets call ``routing.api`` to route, so routing may not import
tickets back. The ticket app registers its history queries here in ``AppConfig.ready()``
(``anliegen.tickets.history``); without a registered source the model learns from the
catalogue alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from .engine import Example


@dataclass(frozen=True)
class HistorySource:
    # The newest staff decisions as training examples, at most ``limit``.
    examples: Callable[[int], list[Example]]
    # When staff last corrected a routing by hand (None: never).
    newest_correction: Callable[[], datetime | None]


_source: HistorySource | None = None


def register_source(source: HistorySource) -> None:
    global _source
    _source = source


def examples(limit: int) -> list[Example]:
    return _source.examples(limit) if _source else []


def newest_correction() -> datetime | None:
    return _source.newest_correction() if _source else None
