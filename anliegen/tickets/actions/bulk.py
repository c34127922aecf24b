"""Bulk actions: the single-ticket actions applied one by one, failures reported per ticket."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from anliegen.core.errors import DomainError
from anliegen.organization.models import User

from .. import access
from ..models import Ticket


@dataclass
class BulkResult:
    done: list[str] = field(default_factory=list)  # references
    failed: list[tuple[str, str]] = field(default_factory=list)  # (reference or id, message)


def apply_each(
    user: User, ticket_ids: Iterable[int], action: Callable[[Ticket], object]
) -> BulkResult:
    """Run ``action`` on each ticket ``user`` may see; each in its own transaction so that
    one refusal does not undo the others."""
    result = BulkResult()
    for ticket_id in ticket_ids:
        try:
            ticket = access.get_ticket(user, pk=ticket_id, purpose="bulk")
        except DomainError as error:
            result.failed.append((f"#{ticket_id}", str(error.message)))
            continue
        try:
            action(ticket)
        except DomainError as error:
            result.failed.append((ticket.reference, str(error.message)))
        else:
            result.done.append(ticket.reference)
    return result
