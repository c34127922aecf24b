from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "anliegen.portal"
    label = "portal"
    verbose_name = _("Bürgerportal")

    def ready(self) -> None:
        from anliegen.jobs.registry import register_periodic

        from .tasks import purge_draft_uploads

        register_periodic("portal.purge_drafts", purge_draft_uploads, every=timedelta(hours=6))
