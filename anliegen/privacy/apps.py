from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "anliegen.privacy"
    label = "privacy"
    verbose_name = _("Datenschutz")

    def ready(self) -> None:
        from django.contrib.auth.signals import (
            user_logged_in,
            user_logged_out,
            user_login_failed,
        )

        from anliegen.jobs.registry import register_periodic

        from . import signals
        from .tasks import run_retention

        user_logged_in.connect(signals.signed_in, dispatch_uid="privacy.signed_in")
        user_login_failed.connect(signals.sign_in_failed, dispatch_uid="privacy.failed")
        user_logged_out.connect(signals.signed_out, dispatch_uid="privacy.signed_out")
        # Nightly: due tickets are offered to the archive, then anonymised or deleted.
        register_periodic("privacy.retention", run_retention, every=timedelta(days=1))
