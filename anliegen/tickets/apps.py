from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketsConfig(AppConfig):
    name = "anliegen.tickets"
    label = "tickets"
    verbose_name = _("Anliegen")

    def ready(self) -> None:
        from anliegen.catalog.health import register_confusions
        from anliegen.core.events import subscribe
        from anliegen.jobs.registry import register_periodic
        from anliegen.routing.history import HistorySource, register_source

        from . import history
        from .search import index_event
        from .tasks import check_deadlines

        register_periodic("tickets.check_deadlines", check_deadlines, every=timedelta(minutes=15))
        # Keep the SQLite full-text table in step with every committed ticket change.
        subscribe("*", index_event)
        # The routing trainer learns from staff decisions without importing this app.
        register_source(
            HistorySource(
                examples=history.routing_examples,
                newest_correction=history.newest_manual_routing,
            )
        )
        # The catalogue health page shows what staff corrected most, without importing tickets.
        register_confusions(history.routing_corrections)
