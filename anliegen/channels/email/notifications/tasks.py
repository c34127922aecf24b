"""Sending queued mails in the background, with retries and a redacted log."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskContext, task, task_backends

from anliegen.tickets.access import pending_tracking_token, tracking_token

from ..models import TRACKING_LINK_PLACEHOLDER, OutboundMail
from . import supporters

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


class TrackingLinkUnavailable(Exception):
    """The ticket's tracking token cannot be derived again (see tickets.access.tracking_token)."""


def _with_link(mail: OutboundMail) -> tuple[str, str]:
    """The bodies as the citizen gets them: the secret link only here, in memory."""
    if not mail.has_tracking_link:
        return mail.body_text, mail.body_html
    if mail.kind.startswith(supporters.KIND_PREFIX):
        # A supporter's own link to the report, never the ticket's tracking link.
        token = supporters.link_token(mail.ticket_id, mail.recipient)
        if token is None:
            raise TrackingLinkUnavailable("the supporter no longer follows this report")
        url = settings.SITE_URL + reverse("portal:support_entry", args=[token])
        return (
            mail.body_text.replace(TRACKING_LINK_PLACEHOLDER, url),
            mail.body_html.replace(TRACKING_LINK_PLACEHOLDER, url),
        )
    # "Link verloren?" mails the pending link; the old one keeps working until it is used.
    derive = pending_tracking_token if mail.kind == "citizen.new_link" else tracking_token
    token = derive(mail.ticket_id) if mail.ticket_id else None
    if token is None:
        raise TrackingLinkUnavailable("no tracking link can be derived for this ticket")
    url = settings.SITE_URL + reverse("portal:track_entry", args=[token])
    return (
        mail.body_text.replace(TRACKING_LINK_PLACEHOLDER, url),
        mail.body_html.replace(TRACKING_LINK_PLACEHOLDER, url),
    )


def build(mail: OutboundMail) -> EmailMultiAlternatives:
    headers = {"Message-ID": mail.message_id, "Auto-Submitted": "auto-generated"}
    if mail.kind.startswith("citizen.reply") or mail.kind == "citizen.question":
        headers["Auto-Submitted"] = "no"  # a person wrote it; answers are welcome
    headers["X-Auto-Response-Suppress"] = "All"
    if mail.in_reply_to:
        headers["In-Reply-To"] = mail.in_reply_to
    if mail.references:
        headers["References"] = mail.references
    body_text, body_html = _with_link(mail)
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=body_text,
        from_email=mail.sender,
        to=[mail.recipient],
        reply_to=[mail.reply_to] if mail.reply_to else None,
        headers=headers,
        connection=get_connection(),
    )
    if body_html:
        message.attach_alternative(body_html, "text/html")
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
    mail.save(update_fields=["attempts", "last_error", "state", "sent_at"])
    return True


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
