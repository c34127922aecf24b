"""Staff corrections reach the model: a manual forwarding schedules a retraining."""

from __future__ import annotations

from anliegen.core.events import DomainEvent

from . import history
from .models import RoutingModelVersion


def on_ticket_routed(event: DomainEvent) -> None:
    if event.data.get("method") != "manual":
        return
    from .tasks import retrain_routing_model  # the task module imports the trainer lazily

    retrain_routing_model.enqueue()


def on_catalogue_changed(event: DomainEvent) -> None:
    from .tasks import retrain_routing_model

    # force: the model is "current" by staff corrections, but its services are not.
    retrain_routing_model.enqueue(force=True)


def model_is_current() -> bool:
    """True when the active model was trained after the newest staff correction."""
    active = RoutingModelVersion.objects.filter(is_active=True).order_by("-created_at").first()
    if active is None:
        return False
    newest = history.newest_correction()
    return newest is None or newest < active.created_at
