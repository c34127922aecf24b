"""Training data from the catalogue and from what staff decided, and model activation."""

from __future__ import annotations

import time

from django.db import transaction

from anliegen.catalog.models import District, Responsibility, Service

from . import history, registry
from .engine import Example, ServiceDoc, dumps, train
from .labelled import realistic_dev_examples
from .models import RoutingModelVersion

MAX_HISTORY = 20_000


def lead_offices() -> dict[str, str]:
    """Service key → key of its lead org unit (the office a ticket is routed to)."""
    leads = Responsibility.objects.filter(role=Responsibility.Role.LEAD).order_by("-pk")
    return dict(leads.values_list("service__key", "org_unit__key"))


def service_docs() -> list[ServiceDoc]:
    offices = lead_offices()
    return [
        ServiceDoc(
            key=s.key,
            name=s.name,
            citizen_name=s.citizen_name,
            description=s.description,
            synonyms=tuple(s.synonyms),
            topic=s.topic.name if s.topic else "",
            office=offices.get(s.key, ""),
        )
        for s in Service.objects.filter(is_active=True).select_related("topic")
    ]


def place_names() -> list[str]:
    """The city's district names and the streets named in responsibilities: where, not what."""
    names = set(District.objects.values_list("name", flat=True))
    for streets in Responsibility.objects.exclude(streets=[]).values_list("streets", flat=True):
        names.update(str(s) for s in streets)
    return sorted(names)


def history_examples(limit: int = MAX_HISTORY) -> list[Example]:
    """The newest staff decisions, from the ticket history registered in ``history``."""
    return history.examples(limit)


def train_and_activate() -> RoutingModelVersion:
    """Train on the catalogue and history, store the model, make it the active one."""
    docs = service_docs()
    examples = history_examples()
    started = time.perf_counter()
    model = train(docs, examples, places=place_names(), calibration=realistic_dev_examples())
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
