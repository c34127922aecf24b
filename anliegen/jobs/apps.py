from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "anliegen.jobs"
    label = "jobs"
    verbose_name = _("Hintergrundaufgaben")

    def ready(self) -> None:
        from .registry import register_periodic
        from .retention import delete_old_task_results

        register_periodic(
            "jobs.delete_finished_tasks", delete_old_task_results, every=timedelta(days=1)
        )
