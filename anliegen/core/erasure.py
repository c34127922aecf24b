"""Personal data kept beside a ticket by other apps (raw mails, the sent-mail log …) goes
when the ticket is anonymised or deleted.

Apps that keep such data register an eraser in their AppConfig.ready(). The retention actions
call every eraser inside their own transaction, so no copy outlives the ticket and the domain
needs to know nothing about the apps that hold copies.
"""

from __future__ import annotations

from collections.abc import Callable

Eraser = Callable[[int], int]  # ticket id → number of rows removed
_erasers: list[Eraser] = []


def register_eraser(eraser: Eraser) -> None:
    """Idempotent, like event subscriptions."""
    if eraser not in _erasers:
        _erasers.append(eraser)


def erase_everywhere(ticket_id: int) -> int:
    return sum(eraser(ticket_id) for eraser in _erasers)
