"""After-commit domain events.

Actions publish an event; interfaces (e-mail, webhooks, search) subscribe explicitly in their
AppConfig.ready(). Handlers run after the transaction commits, so a rolled-back action never
sends a mail. The domain knows nothing about its subscribers.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DomainEvent:
    kind: str  # e.g. "ticket.created", "ticket.status_changed"
    ticket_id: int
    data: dict[str, Any] = field(default_factory=dict)


Handler = Callable[[DomainEvent], None]
_handlers: dict[str, list[Handler]] = defaultdict(list)


def subscribe(kind: str, handler: Handler) -> None:
    """Register ``handler`` for ``kind`` ("*" for all). Idempotent."""
    if handler not in _handlers[kind]:
        _handlers[kind].append(handler)


def publish(event: DomainEvent) -> None:
    """Run the subscribers of ``event`` once the current transaction has committed."""
    transaction.on_commit(lambda: _dispatch(event))


def _dispatch(event: DomainEvent) -> None:
    for handler in [*_handlers[event.kind], *_handlers["*"]]:
        try:
            handler(event)
        except Exception:
            # A failing subscriber (e.g. a mail server down) must not undo or block the action;
            # subscribers hand real work to background tasks with their own retries.
            logger.exception("event handler %s failed for %s", handler, event.kind)
