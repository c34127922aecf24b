from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmailChannelConfig(AppConfig):
    name = "anliegen.channels.email"
    label = "email_channel"
    verbose_name = _("E-Mail-Kanal")

    def ready(self) -> None:
        from .notifications import subscriptions

        subscriptions.connect()
