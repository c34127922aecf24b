from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "anliegen.integrations"
    verbose_name = _("Anbindungen")

    def ready(self) -> None:
        from .webhooks import subscribe_to_domain_events

        subscribe_to_domain_events()
