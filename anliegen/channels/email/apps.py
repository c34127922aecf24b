from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmailChannelConfig(AppConfig):
    name = "anliegen.channels.email"
    label = "email_channel"
    verbose_name = _("E-Mail-Kanal")

    def ready(self) -> None:
        from anliegen.core.erasure import register_eraser
        from anliegen.jobs.registry import register_periodic

        from .erasure import erase_ticket_mail
        from .notifications import subscriptions
        from .tasks import fetch_all_mailboxes, retry_unscanned_mails

        subscriptions.connect()
        register_eraser(erase_ticket_mail)
        # Citizens expect an answer to a mail within minutes, not with the next batch run.
        register_periodic("email.fetch", fetch_all_mailboxes, every=timedelta(minutes=2))
        # Mails held back while clamd was down go through once it answers again.
        register_periodic(
            "email.retry_unscanned", retry_unscanned_mails, every=timedelta(minutes=15)
        )
