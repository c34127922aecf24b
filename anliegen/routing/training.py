"""Training data from the catalogue and from what staff decided, and model activation."""

from __future__ import annotations

import time

from django.db import transaction

from anliegen.catalog.models import Service
from anliegen.tickets.models import EventKind, Message, TicketEvent

from . import registry
from .engine import Example, ServiceDoc, dumps, train
from .models import RoutingModelVersion

MAX_HISTORY = 20_000
# A clerk correcting the office counts more than a citizen's own choice of service.
WEIGHT_BY_METHOD = {"manual": 3.0, "chosen": 1.0}


def service_docs() -> list[ServiceDoc]:
    return [
        ServiceDoc(
            key=s.key,
            name=s.name,
            citizen_name=s.citizen_name,
            description=s.description,
            synonyms=tuple(s.synonyms),
            topic=s.topic.name if s.topic else "",
        )
        for s in Service.objects.filter(is_active=True).select_related("topic")
    ]


def history_examples(limit: int = MAX_HISTORY) -> list[Example]:
    """The newest staff decision per ticket: manual forwarding or a citizen's chosen service."""
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


def train_and_activate() -> RoutingModelVersion:
    """Train on the catalogue and history, store the model, make it the active one."""
    docs = service_docs()
    examples = history_examples()
    started = time.perf_counter()
    model = train(docs, examples)
    seconds = time.perf_counter() - started
    with transaction.atomic():
        version, _created = RoutingModelVersion.objects.update_or_create(
            version=model.version,
            defaults={
                "blob": dumps(model),
                "service_count": len(docs),
                "example_count": len(examples),
                "training_seconds": seconds,
            },
        )
        RoutingModelVersion.objects.exclude(pk=version.pk).update(is_active=False)
        RoutingModelVersion.objects.filter(pk=version.pk).update(is_active=True)
    registry.forget()
    version.is_active = True
    return version
