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
_in_transaction: dict[str, list[Handler]] = defaultdict(list)


def subscribe(kind: str, handler: Handler) -> None:
    """Register ``handler`` for ``kind`` ("*" for all). Idempotent."""
    if handler not in _handlers[kind]:
        _handlers[kind].append(handler)


def subscribe_in_transaction(kind: str, handler: Handler) -> None:
    """Register ``handler`` to run when ``kind`` is published, inside the action's transaction.

    Only for handlers that write rows which must commit together with the action — an outbox
    row whose sending is itself scheduled on commit (the citizen's receipt): a process killed
    between the commit and the after-commit handlers would otherwise lose it."""
    if handler not in _in_transaction[kind]:
        _in_transaction[kind].append(handler)


def publish(event: DomainEvent) -> None:
    """Run the in-transaction subscribers of ``event`` now and the others once the current
    transaction has committed."""
    for handler in _in_transaction[event.kind]:
        try:
            with transaction.atomic():  # a failing handler undoes its own rows only
                handler(event)
        except Exception:
            logger.exception("event handler %s failed for %s", handler, event.kind)
    transaction.on_commit(lambda: _dispatch(event))


def _dispatch(event: DomainEvent) -> None:
    for handler in [*_handlers[event.kind], *_handlers["*"]]:
        try:
            handler(event)
        except Exception:
            # A failing subscriber (e.g. a mail server down) must not undo or block the action;
            # subscribers hand real work to background tasks with their own retries.
            logger.exception("event handler %s failed for %s", handler, event.kind)
