"""Read-side helpers for the public catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from .models import Service, Topic


@dataclass(frozen=True)
class TopicServices:
    topic: Topic
    services: list[Service]


def topics_with_services() -> list[TopicServices]:
    active = Service.objects.filter(is_active=True).order_by("citizen_name", "name")
    topics = Topic.objects.prefetch_related(Prefetch("services", queryset=active))
    return [TopicServices(t, list(t.services.all())) for t in topics if t.services.all()]
