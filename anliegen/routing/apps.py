from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutingConfig(AppConfig):
    name = "anliegen.routing"
    label = "routing"
    verbose_name = _("Zuordnung")

    def ready(self) -> None:
        from anliegen.core.events import subscribe
        from anliegen.jobs.registry import register_periodic

        from .learning import on_catalogue_changed, on_ticket_routed
        from .tasks import retrain_routing_model

        subscribe("ticket.routed", on_ticket_routed)
        # A catalogue import or edit: new services become routable from their catalogue text.
        subscribe("catalogue.changed", on_catalogue_changed)
        # Nightly safety net; corrections also enqueue a retraining as they happen.
        register_periodic("routing.retrain", retrain_routing_model, every=timedelta(hours=24))
