"""Sending queued mails in the background, with retries and a redacted log."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.utils import timezone
from django_tasks import TaskContext, task, task_backends

from ..models import OutboundMail

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def build(mail: OutboundMail) -> EmailMultiAlternatives:
    headers = {"Message-ID": mail.message_id, "Auto-Submitted": "auto-generated"}
    if mail.kind.startswith("citizen.reply") or mail.kind == "citizen.question":
        headers["Auto-Submitted"] = "no"  # a person wrote it; answers are welcome
    headers["X-Auto-Response-Suppress"] = "All"
    if mail.in_reply_to:
        headers["In-Reply-To"] = mail.in_reply_to
    if mail.references:
        headers["References"] = mail.references
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body_text,
        from_email=mail.sender,
        to=[mail.recipient],
        reply_to=[mail.reply_to] if mail.reply_to else None,
        headers=headers,
        connection=get_connection(),
    )
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    return message


def deliver(mail: OutboundMail) -> bool:
    """Send one mail now; True when the mail server took it."""
    mail.attempts += 1
    try:
        build(mail).send()
    except Exception as error:
        mail.last_error = f"{type(error).__name__}: {error}"[:2000]
        mail.state = (
            OutboundMail.State.FAILED
            if mail.attempts >= MAX_ATTEMPTS
            else OutboundMail.State.QUEUED
        )
        mail.save(update_fields=["attempts", "last_error", "state"])
        logger.warning("mail %s not sent (attempt %s): %s", mail.pk, mail.attempts, error)
        return False
    mail.state = OutboundMail.State.SENT
    mail.sent_at = timezone.now()
    mail.last_error = ""
    _redact_links(mail)
    mail.save()
    return True


def _redact_links(mail: OutboundMail) -> None:
    # The tracking token is stored only hashed on the ticket; the log must not keep it either.
    pattern = re.compile(re.escape(settings.SITE_URL + "/verfolgen/") + r"[A-Za-z0-9_-]{30,}")
    mail.body_text = pattern.sub(settings.SITE_URL + "/verfolgen/…", mail.body_text)
    mail.body_html = pattern.sub(settings.SITE_URL + "/verfolgen/…", mail.body_html)


@task(takes_context=True)
def send_outbound(context: TaskContext, mail_id: int) -> str:
    mail = OutboundMail.objects.filter(pk=mail_id, state=OutboundMail.State.QUEUED).first()
    if mail is None:
        return "gone"
    if deliver(mail):
        return "sent"
    backend = task_backends[send_outbound.backend]
    if mail.state == OutboundMail.State.QUEUED and backend.supports_defer:
        delay = timedelta(minutes=2**mail.attempts)
        send_outbound.using(run_after=timezone.now() + delay).enqueue(mail_id)
        return "retry"
    return "failed"


def resend_queued() -> int:
    """Send what is still queued (e.g. after the mail server was down); returns the count."""
    sent = 0
    for mail in OutboundMail.objects.filter(state=OutboundMail.State.QUEUED):
        sent += deliver(mail)
    return sent
