"""Which tickets a user's offices were consulted on: read once per request for both uses,
the visibility rule (every consultation) and the inbox view "Beteiligungen" (unanswered)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, Q

from anliegen.core.memo import remembered

from .models import Consultation


@dataclass(frozen=True)
class Consulted:
    ticket_ids: tuple[int, ...]
    unanswered_ticket_ids: tuple[int, ...]


def consulted(unit_ids: Collection[int]) -> Consulted:
    """The tickets on which one of ``unit_ids`` was consulted, and those still unanswered."""
    units = frozenset(unit_ids)

    def load() -> Consulted:
        rows = (
            Consultation.objects.filter(org_unit_id__in=units)
            .values_list(
                "ticket_id",
                ExpressionWrapper(Q(answered_at__isnull=True), output_field=BooleanField()),
            )
            .distinct()
        )
        every: set[int] = set()
        open_: set[int] = set()
        for ticket_id, unanswered in rows:
            every.add(ticket_id)
            if unanswered:
                open_.add(ticket_id)
        return Consulted(tuple(sorted(every)), tuple(sorted(open_)))

    if not units:
        return Consulted((), ())
    return remembered(("consulted", units), load)
