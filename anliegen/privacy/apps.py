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

        from . import signals

        user_logged_in.connect(signals.signed_in, dispatch_uid="privacy.signed_in")
        user_login_failed.connect(signals.sign_in_failed, dispatch_uid="privacy.failed")
        user_logged_out.connect(signals.signed_out, dispatch_uid="privacy.signed_out")
