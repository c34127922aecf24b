"""E-mails to the citizen, sent after the database commit."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from anliegen.tickets.models import Ticket


def tracking_url(token: str) -> str:
    return settings.SITE_URL + reverse("portal:track_entry", args=[token])


def send_tracking_link(ticket: Ticket, token: str) -> None:
    """Send the secret link once the ticket is committed (no mail for a rolled-back write)."""
    context = {
        "reference": ticket.reference,
        "url": tracking_url(token),
        "city": settings.CITY_NAME,
    }
    subject = _("Ihr Anliegen %(reference)s") % {"reference": ticket.reference}
    body = render_to_string("portal/email/tracking_link.txt", context)
    recipient = ticket.contact_email
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
    )
