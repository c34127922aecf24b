"""Issue 19, finding 1: the citizen's tracking link is never stored in clear.

A mail waiting to be sent (or given up) holds a placeholder; the link is derived again from the
ticket's nonce and SECRET_KEY only when the mail goes to the mail server. So neither the
sent-mail log nor the admin, nor any table, lets an administrator open a citizen's ticket."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.core import mail as django_mail
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.test import Client
from django.urls import reverse

from anliegen.channels.email.ingest import ingest_message
from anliegen.channels.email.models import TRACKING_LINK_PLACEHOLDER, OutboundMail
from anliegen.channels.email.notifications.tasks import MAX_ATTEMPTS, deliver
from anliegen.core.tokens import hash_token, new_token
from anliegen.tickets.access import ticket_for_token
from anliegen.tickets.models import Ticket
from tests.conftest import City

LINK = re.compile(r"https?://[^\s\"<>]*/verfolgen/([A-Za-z0-9_-]{30,})/")


def _mail(mid: str) -> bytes:
    return (
        "From: Erika Muster <erika@example.org>\nTo: buergerservice@koblenz.example\n"
        f"Subject: Laterne\nMessage-ID: <{mid}>\n"
        "Content-Type: text/plain; charset=utf-8\n\nDie Laterne vor Haus 4 ist aus.\n"
    ).encode()


@pytest.fixture
def mail_server_down(settings: Any) -> None:
    """A real SMTP connection to a port nobody listens on: the mail stays queued."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2


def _new_ticket(capture: Any, mid: str = "link1@example.org") -> Ticket:
    with capture(execute=True):
        inbound = ingest_message(_mail(mid))
    assert inbound.ticket is not None
    return inbound.ticket


def _receipt(ticket: Ticket) -> OutboundMail:
    return OutboundMail.objects.get(ticket=ticket, kind="citizen.received")


def _token_of_sent_receipt() -> str:
    sent = django_mail.outbox[-1]
    assert isinstance(sent, EmailMultiAlternatives)
    found = LINK.search(str(sent.body))
    assert found is not None, sent.body
    html = sent.alternatives[0][0]
    assert f'href="{found.group(0)}"' in str(html)
    return found.group(1)


def _every_stored_text() -> str:
    """Every row of every table as text: where a token could hide."""
    parts: list[str] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            parts.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(parts)


@pytest.mark.django_db
def test_queued_and_failed_mails_hold_no_token(
    city: City, mail_server_down: None, django_capture_on_commit_callbacks: Any
) -> None:
    ticket = _new_ticket(django_capture_on_commit_callbacks)
    receipt = _receipt(ticket)
    assert receipt.state == OutboundMail.State.QUEUED and receipt.attempts == 1  # retry later
    assert receipt.has_tracking_link
    assert TRACKING_LINK_PLACEHOLDER in receipt.body_text
    assert TRACKING_LINK_PLACEHOLDER in receipt.body_html
    assert not LINK.search(receipt.body_text + receipt.body_html)
    receipt.attempts = MAX_ATTEMPTS - 1
    assert not deliver(receipt)
    receipt.refresh_from_db()
    assert receipt.state == OutboundMail.State.FAILED
    assert not LINK.search(receipt.body_text + receipt.body_html + receipt.last_error)
    # The token exists (it is derived), but no table holds it.
    from anliegen.tickets.access import tracking_token

    token = tracking_token(ticket.pk)
    assert token is not None and ticket_for_token(token) == ticket
    assert token not in _every_stored_text()


@pytest.mark.django_db
def test_superuser_pages_show_the_placeholder_not_the_link(
    city: City, client: Client, mail_server_down: None, django_capture_on_commit_callbacks: Any
) -> None:
    ticket = _new_ticket(django_capture_on_commit_callbacks)
    receipt = _receipt(ticket)
    client.force_login(city.admin)
    pages = [
        client.get(reverse("email_channel:sent")),
        client.get(reverse("email_channel:sent_detail", args=[receipt.pk])),
        client.get(reverse("admin:email_channel_outboundmail_change", args=[receipt.pk])),
        client.get(reverse("admin:email_channel_outboundmail_changelist")),
    ]
    assert [p.status_code for p in pages] == [200] * 4
    assert TRACKING_LINK_PLACEHOLDER in pages[1].text
    assert TRACKING_LINK_PLACEHOLDER in pages[2].text
    for page in pages:
        assert not LINK.search(page.text)


@pytest.mark.django_db
def test_the_sent_mail_carries_a_working_link_and_the_log_does_not(
    city: City, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    ticket = _new_ticket(django_capture_on_commit_callbacks)
    token = _token_of_sent_receipt()
    receipt = _receipt(ticket)
    assert receipt.state == OutboundMail.State.SENT
    assert token not in receipt.body_text + receipt.body_html
    assert TRACKING_LINK_PLACEHOLDER in receipt.body_text
    response = client.get(reverse("portal:track_entry", args=[token]))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200 and ticket.reference in page.text
    assert token not in _every_stored_text()


@pytest.mark.django_db
def test_a_rotated_secret_key_still_sends_the_current_link(
    city: City, client: Client, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """SECRET_KEY_FALLBACKS keep queued mails working across a key rotation."""
    ticket = _new_ticket(django_capture_on_commit_callbacks)
    first = _token_of_sent_receipt()
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-" + "x" * 40
    receipt = _receipt(ticket)
    receipt.state, receipt.attempts = OutboundMail.State.QUEUED, 0
    assert deliver(receipt)
    assert _token_of_sent_receipt() == first
    assert ticket_for_token(first) == ticket


@pytest.mark.django_db
def test_without_a_derivable_link_no_mail_goes_out(
    city: City, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """A changed key without fallback: the mail is not sent with a wrong link."""
    ticket = _new_ticket(django_capture_on_commit_callbacks)
    settings.SECRET_KEY = "another-secret-key-" + "y" * 40
    receipt = _receipt(ticket)
    receipt.state, receipt.attempts = OutboundMail.State.QUEUED, 0
    before = len(django_mail.outbox)
    assert not deliver(receipt)
    assert len(django_mail.outbox) == before
    assert "TrackingLinkUnavailable" in receipt.last_error


@pytest.mark.django_db
def test_migration_replaces_stored_links_of_queued_mails(
    city: City, client: Client, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    """A mail queued before the upgrade held the live link: the data migration takes it out,
    and the mail still arrives with a working link."""
    ticket = _new_ticket(django_capture_on_commit_callbacks)
    legacy = new_token()
    Ticket.objects.filter(pk=ticket.pk).update(token_nonce="", token_hash=hash_token(legacy))
    url = f"{settings.SITE_URL}/verfolgen/{legacy}/"
    lost = f"{settings.SITE_URL}/verfolgen/link-verloren/"
    receipt = _receipt(ticket)
    OutboundMail.objects.filter(pk=receipt.pk).update(
        state=OutboundMail.State.QUEUED,
        has_tracking_link=False,
        body_text=f"Ihr Link:\n\n{url}\n\nLink verloren? {lost}",
        body_html=f'<p><a href="{url}">{url}</a></p>',
    )
    migration = importlib.import_module(
        "anliegen.channels.email.migrations.0003_tracking_link_placeholder"
    )
    migration.forwards(django_apps, None)
    receipt.refresh_from_db()
    assert receipt.has_tracking_link and legacy not in receipt.body_text + receipt.body_html
    assert "/verfolgen/link-verloren/" in receipt.body_text
    assert receipt.body_html.count(TRACKING_LINK_PLACEHOLDER) == 2
    assert deliver(receipt)
    token = _token_of_sent_receipt()
    assert token != legacy and ticket_for_token(token) == ticket
    assert legacy not in _every_stored_text()


@pytest.mark.django_db
def test_admin_cannot_redirect_a_queued_receipt_to_itself(
    city: City, client: Client, mail_server_down: None, django_capture_on_commit_callbacks: Any
) -> None:
    """Changing the recipient of a queued receipt would hand the live link to the admin."""
    receipt = _receipt(_new_ticket(django_capture_on_commit_callbacks))
    client.force_login(city.admin)
    url = reverse("admin:email_channel_outboundmail_change", args=[receipt.pk])
    fields = ["kind", "sender", "reply_to", "subject", "body_text", "body_html", "message_id"]
    form = {name: getattr(receipt, name) for name in fields}
    form |= {"ticket": receipt.ticket_id, "state": "queued", "attempts": 0}
    form |= {"created_at_0": receipt.created_at.date(), "created_at_1": "12:00:00"}
    client.post(url, {**form, "recipient": "admin@example.org"})
    receipt.refresh_from_db()
    assert receipt.recipient == "erika@example.org"
    assert client.get(reverse("admin:email_channel_outboundmail_add")).status_code == 403
