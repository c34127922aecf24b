"""Ticket history as the routing trainer needs it: what staff decided, and when.

Registered with ``routing.history`` in ``TicketsConfig.ready()``, so that routing, which the
ticket domain imports, never imports the ticket domain back.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from django.utils import timezone

from anliegen.routing.engine import Example

from .models import EventKind, Message, TicketEvent

# A clerk correcting the office counts more than a citizen's own choice of service, on its
# page ("chosen") or as the answer to the portal's „Meinen Sie …?“ ("asked"): the citizen
# knows the concern but not the catalogue, and picked among the engine's own candidates.
WEIGHT_BY_METHOD = {"manual": 3.0, "chosen": 1.0, "asked": 1.0}


def routing_examples(limit: int) -> list[Example]:
    """The newest decision per ticket: manual forwarding, or a citizen's chosen service."""
    latest: dict[int, tuple[str, float]] = {}
    events = (
        TicketEvent.objects.filter(kind=EventKind.ROUTED, data__method__in=list(WEIGHT_BY_METHOD))
        .order_by("-created_at", "-pk")
        .values_list("ticket_id", "data")[: limit * 2]
    )
    for ticket_id, data in events:
        service_key = data.get("service")
        if ticket_id not in latest and service_key:
            latest[ticket_id] = (service_key, WEIGHT_BY_METHOD[data["method"]])
        if len(latest) >= limit:
            break
    first_messages: dict[int, str] = {}
    for ticket_id, body in (
        Message.objects.filter(ticket_id__in=list(latest), kind=Message.Kind.CITIZEN)
        .order_by("ticket_id", "created_at", "pk")
        .values_list("ticket_id", "body")
    ):
        first_messages.setdefault(ticket_id, body)
    return [
        Example(text=first_messages[ticket_id], service_key=key, weight=weight)
        for ticket_id, (key, weight) in latest.items()
        if ticket_id in first_messages
    ]


def newest_manual_routing() -> datetime | None:
    """When staff last forwarded a ticket by hand."""
    return (
        TicketEvent.objects.filter(kind=EventKind.ROUTED, data__method="manual")
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )


CONFUSION_WINDOW_DAYS = 180


def routing_corrections() -> Counter[tuple[str, str]]:
    """(service routed to automatically, service staff forwarded it to by hand) → how often,
    over the last half year: the confusions the catalogue health page shows."""
    since = timezone.now() - timedelta(days=CONFUSION_WINDOW_DAYS)
    events = (
        TicketEvent.objects.filter(
            kind=EventKind.ROUTED, data__method__in=["auto", "manual"], created_at__gte=since
        )
        .order_by("ticket_id", "created_at", "pk")
        .values_list("ticket_id", "data")
    )
    routed: dict[int, str] = {}
    pairs: Counter[tuple[str, str]] = Counter()
    for ticket_id, data in events.iterator():
        service = data.get("service") or ""
        if data.get("method") == "auto":
            routed.setdefault(ticket_id, service)
        elif ticket_id in routed and service and service != routed[ticket_id]:
            pairs[(routed.pop(ticket_id), service)] += 1
    return pairs
