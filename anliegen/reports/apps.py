from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "anliegen.reports"
    label = "reports"
    verbose_name = _("Berichte")

    def ready(self) -> None:
        from anliegen.jobs.registry import register_periodic

        from .tasks import refresh_recent_figures, send_staff_digest

        register_periodic(
            "reports.refresh_figures", refresh_recent_figures, every=timedelta(minutes=30)
        )
        register_periodic("reports.staff_digest", send_staff_digest, every=timedelta(days=1))
