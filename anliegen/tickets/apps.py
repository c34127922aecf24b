from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketsConfig(AppConfig):
    name = "anliegen.tickets"
    label = "tickets"
    verbose_name = _("Anliegen")

    def ready(self) -> None:
        from anliegen.jobs.registry import register_periodic

        from .tasks import check_deadlines

        register_periodic("tickets.check_deadlines", check_deadlines, every=timedelta(minutes=15))
