from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "anliegen.workspace"
    label = "workspace"
    verbose_name = _("Arbeitsplatz")

    def ready(self) -> None:
        # Keep the SQLite full-text table in step with every committed ticket change.
        from anliegen.core.events import subscribe
        from anliegen.tickets.search import index_event

        subscribe("*", index_event)
