from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoutingConfig(AppConfig):
    name = "anliegen.routing"
    label = "routing"
    verbose_name = _("Zuordnung")

    def ready(self) -> None:
        from anliegen.core.events import subscribe

        from .learning import on_ticket_routed

        subscribe("ticket.routed", on_ticket_routed)
