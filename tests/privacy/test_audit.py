"""The audit log through the pages people use: sign-ins, reads, downloads, viewer, CSV."""

from __future__ import annotations

import csv
import io

from django.test import Client
from django.urls import reverse

from anliegen.privacy.models import AuditEvent, AuditPolicy
from anliegen.tickets.actions import AttachmentInput, add_message
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Attachment, Message
from tests.conftest import City, submit

from .conftest import dpo_user


def _signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_sign_in_and_failed_sign_in_are_logged(city: City) -> None:
    client = Client(REMOTE_ADDR="10.1.2.3")
    url = reverse("workspace:login")
    client.post(url, {"username": "clerk.vollzug", "password": "falsch"})
    client.post(url, {"username": "clerk.vollzug", "password": "Test-Passwort-123"})
    failed = AuditEvent.objects.get(action="auth.login_failed")
    assert failed.actor_label == "clerk.vollzug"
    assert failed.detail == {"address": "10.1.2.3"}
    assert "falsch" not in str(failed.detail)
    ok = AuditEvent.objects.get(action="auth.login")
    assert ok.actor_id == city.clerk_vollzug.pk


def test_every_read_of_a_sensitive_ticket_is_logged_even_with_reads_policy_off(
    city: City,
) -> None:
    AuditPolicy.objects.update_or_create(pk=1, defaults={"log_all_reads": False})
    sensitive = submit(city.wohngeld).ticket
    normal = submit(city.falschparker).ticket
    clerk = _signed_in(city.clerk_sozial)
    for _ in range(3):
        assert clerk.get(reverse("workspace:ticket", args=[sensitive.pk])).status_code == 200
    _signed_in(city.clerk_vollzug).get(reverse("workspace:ticket", args=[normal.pk]))
    reads = AuditEvent.objects.filter(action="ticket.read")
    assert reads.filter(ticket_id=sensitive.pk, actor_id=city.clerk_sozial.pk).count() == 3
    assert not reads.filter(ticket_id=normal.pk).exists()


def test_sensitive_ticket_hidden_from_other_offices_admins_and_triage(city: City) -> None:
    sensitive = submit(city.wohngeld).ticket
    url = reverse("workspace:ticket", args=[sensitive.pk])
    for outsider in (city.clerk_vollzug, city.admin, city.triage, city.lead_ordnung):
        assert _signed_in(outsider).get(url).status_code == 404
        inbox = _signed_in(outsider).get(reverse("workspace:inbox"), {"view": "all"})
        assert sensitive.reference not in inbox.content.decode()
    assert _signed_in(city.clerk_sozial).get(url).status_code == 200


def test_attachment_download_is_logged_and_served_as_attachment(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    add_message(
        ticket,
        Actor.citizen(),
        Message.Kind.CITIZEN,
        "Foto",
        attachments=(AttachmentInput("<script>.html", b"<script>alert(1)</script>", "text/html"),),
    )
    attachment = Attachment.objects.get(message__ticket=ticket)
    url = reverse("workspace:attachment", args=[attachment.pk])
    assert _signed_in(city.clerk_sozial).get(url).status_code == 404
    response = _signed_in(city.clerk_vollzug).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    logged = AuditEvent.objects.get(action="attachment.download")
    assert (logged.ticket_id, logged.actor_id) == (ticket.pk, city.clerk_vollzug.pk)
    assert logged.detail["attachment_id"] == attachment.pk


def test_viewer_only_for_the_dpo_with_filters_and_audited_csv(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    _signed_in(city.clerk_vollzug).get(reverse("workspace:ticket", args=[ticket.pk]))
    url = reverse("workspace:dpo_audit")
    assert Client().get(url).status_code == 302
    assert _signed_in(city.admin).get(url).status_code == 403
    dpo = _signed_in(dpo_user(city))
    page = dpo.get(url, {"actor": "clerk.vollzug", "reference": ticket.reference})
    body = page.content.decode()
    assert page.status_code == 200
    assert "ticket.read" in body and "citizen" not in body
    bad = dpo.get(url, {"since": "kein Datum", "actor": "clerk"})
    assert bad.status_code == 200 and 'value="clerk"' in bad.content.decode()

    export = dpo.get(reverse("workspace:dpo_audit_csv"), {"action": "ticket.read"})
    assert export["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0] == ["created_at", "actor", "action", "ticket_id", "detail"]
    assert {r[2] for r in rows[1:]} == {"ticket.read"}
    logged = AuditEvent.objects.get(action="audit.export")
    assert logged.detail == {"filters": {"action": "ticket.read"}}


def test_audit_events_cannot_be_changed(city: City) -> None:
    import pytest

    submit(city.falschparker)
    event = AuditEvent.objects.first()
    assert event is not None
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
