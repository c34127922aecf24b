"""The receipt a citizen gets from any channel: found in the mail outbox, link followed."""

from __future__ import annotations

import re

from django.core import mail as django_mail
from django.core.mail import EmailMultiAlternatives
from django.test import Client
from django.urls import reverse

from anliegen.tickets.models import Ticket

LINK = re.compile(r"https?://[^\s\"<>]*/verfolgen/([A-Za-z0-9_-]{30,})/")


def receipt_to(address: str) -> EmailMultiAlternatives:
    """The one receipt mail sent to ``address``."""
    [sent] = [m for m in django_mail.outbox if m.to == [address]]
    assert isinstance(sent, EmailMultiAlternatives)
    return sent


def follow_tracking_link(sent: EmailMultiAlternatives, ticket: Ticket) -> str:
    """Open the mail's link in a fresh browser: it must show the citizen's ticket."""
    found = LINK.search(str(sent.body))
    assert found is not None, sent.body
    assert found.group(0) in str(sent.alternatives[0][0])
    browser = Client()
    entry = browser.get(reverse("portal:track_entry", args=[found.group(1)]))
    assert entry.status_code == 302
    page = browser.get(entry["Location"])
    assert page.status_code == 200
    assert ticket.reference in page.text
    return page.text
