"""E-mails to the citizen go through the e-mail channel's notification path (queued, logged,
sent by a background task after the database commit)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from anliegen.channels.email.notifications.citizen import notify_received
from anliegen.tickets.models import Ticket


def tracking_url(token: str) -> str:
    return settings.SITE_URL + reverse("portal:track_entry", args=[token])


def send_tracking_link(ticket: Ticket) -> None:
    """Queue the receipt with the secret link; a rolled-back write queues nothing."""
    notify_received(ticket)
