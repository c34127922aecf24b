from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataProtectionConfig(AppConfig):
    name = "anliegen.dataprotection"
    label = "dataprotection"
    verbose_name = _("Datenschutz-Werkzeuge")

    def ready(self) -> None:
        from anliegen.jobs.registry import register_periodic

        from .tasks import run_retention

        # Nightly: due tickets are offered to the archive, then anonymised or deleted. The job
        # keeps its old name so that the lock row of an existing database still matches.
        register_periodic("privacy.retention", run_retention, every=timedelta(days=1))
