"""The default mail backend without a mail server: mails go to the worker's output, with the
citizen's tracking link masked, since that output ends up in logs (journald, bin/start)."""

from __future__ import annotations

import copy

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.console import EmailBackend
from django.core.mail.message import EmailAlternative

from .logs import mask


def _masked(message: EmailMessage) -> EmailMessage:
    masked = copy.copy(message)
    masked.body = mask(str(message.body))
    if isinstance(message, EmailMultiAlternatives) and isinstance(masked, EmailMultiAlternatives):
        masked.alternatives = [
            EmailAlternative(mask(str(content)), mimetype)
            for content, mimetype in message.alternatives
        ]
    return masked


class MaskingConsoleBackend(EmailBackend):
    def write_message(self, message: EmailMessage) -> None:
        super().write_message(_masked(message))
