"""Hostile input: XSS payloads in every free-text field, SQL metacharacters in search, path
traversal in attachment names, oversized bodies."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from anliegen.tickets.models import Attachment, Tag, Ticket

from .conftest import PNG, World, signed_in

XSS = '"><script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
ESCAPED = "&lt;script&gt;window.__xss=1&lt;/script&gt;"
SQL = ["' OR '1'='1", '"; DROP TABLE tickets_ticket; --', "%", "_", "\\", "*)", 'NEAR("']


def _no_raw_payload(response: Any, where: str) -> str:
    body: str = response.content.decode()
    assert response.status_code < 500, where
    assert "<script>window.__xss" not in body, where
    assert 'onerror="window.__xss' not in body, where
    return body


def fill_every_free_text_field(world: World) -> Ticket:
    """The payload in every free-text field staff and citizens can fill, through the pages."""
    city = world.city
    from tests.conftest import submit

    ticket = submit(
        city.falschparker,
        f"Text {XSS}",
        subject=f"Betreff {XSS}",
        contact_name=f"Name {XSS}",
        contact_phone=f"0261 {XSS}"[:50],
        location_text=f"Ort {XSS}",
    ).ticket
    url = lambda name: reverse("workspace:action", args=[ticket.pk, name])  # noqa: E731
    clerk = signed_in(city.clerk_vollzug)
    for name, data in [
        ("note", {"body": XSS}),
        ("tags", {"tags": f"{XSS[:40]}, ok"}),
        ("external", {"system": XSS[:100], "reference": XSS}),
        ("consult", {"org_unit": city.tiefbau.pk, "question": XSS}),
        ("status", {"status": "in_progress", "note": XSS}),
        ("effort", {"minutes": "15", "note": XSS[:200]}),
    ]:
        assert clerk.post(url(name), data).status_code == 302, name
    reply = clerk.post(reverse("workspace:reply", args=[ticket.pk]), {"body": XSS})
    assert reply.status_code == 302
    clerk.post(reverse("workspace:save_filter"), {"name": XSS[:50], "query": "view=all"})
    lead = signed_in(city.lead_ordnung)
    lead.post(
        reverse("workspace:textmodule_new"),
        {"org_unit": city.ordnungsamt.pk, "title": XSS, "body": XSS, "is_active": "on"},
    )
    return ticket


def test_xss_payloads_come_back_escaped_everywhere(world: World) -> None:
    ticket = fill_every_free_text_field(world)
    city = world.city
    clerk = signed_in(city.clerk_vollzug)
    page = _no_raw_payload(clerk.get(reverse("workspace:ticket", args=[ticket.pk])), "ticket")
    assert page.count(ESCAPED) >= 5
    assert Tag.objects.filter(name__contains="<script>").exists(), "stored as typed"
    for where, response in {
        "inbox": clerk.get(reverse("workspace:inbox"), {"view": "all"}),
        "search": clerk.get(reverse("workspace:inbox"), {"view": "all", "q": XSS}),
        "search-hit": clerk.get(reverse("workspace:inbox"), {"view": "all", "q": "Betreff"}),
        "reply-preview": clerk.post(
            reverse("workspace:reply", args=[ticket.pk]), {"body": XSS, "preview": "1"}
        ),
        "modules": signed_in(city.lead_ordnung).get(reverse("workspace:textmodules")),
        "consulted": signed_in(city.clerk_vollzug).get(
            reverse("workspace:ticket", args=[ticket.pk])
        ),
        "audit": signed_in(world.dpo).get(reverse("workspace:dpo_audit")),
        "person": signed_in(world.dpo).get(
            reverse("workspace:dpo_person"), {"email": "buerger@example.org"}
        ),
        "portal-search": Client().get(reverse("portal:results"), {"q": XSS}),
        "login-next": Client().get(reverse("workspace:login"), {"next": XSS}),
    }.items():
        _no_raw_payload(response, where)
    citizen = Client()
    from anliegen.tickets.actions import reissue_tracking_link
    from anliegen.tickets.actors import Actor

    token = reissue_tracking_link(ticket, Actor.staff(city.clerk_vollzug))
    citizen.get(reverse("portal:track_entry", args=[token]))
    citizen.post(reverse("portal:reply"), {"body": XSS})
    tracked = _no_raw_payload(citizen.get(reverse("portal:track")), "portal-track")
    assert ESCAPED in tracked


@pytest.mark.parametrize("query", SQL)
def test_sql_metacharacters_in_search_are_just_text(world: World, query: str) -> None:
    count = Ticket.objects.count()
    intruder = signed_in(world.intruder)
    page = intruder.get(reverse("workspace:inbox"), {"view": "all", "q": query})
    assert page.status_code == 200
    reference = Ticket.objects.get(pk=world.objects["ticket"]).reference
    assert reference not in page.content.decode(), "search never widens what one may see"
    assert Client().get(reverse("portal:results"), {"q": query}).status_code == 200
    assert Ticket.objects.count() == count


@pytest.mark.parametrize(
    "name", ["../../../etc/passwd.png", "..\\..\\windows\\win.ini.png", "/abs/x.png", "a\0b.png"]
)
def test_path_traversal_in_attachment_names(world: World, name: str, settings: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    citizen = Client()
    citizen.get(reverse("portal:track_entry", args=[world.token]))
    upload = SimpleUploadedFile(name, PNG, content_type="image/png")
    response = citizen.post(reverse("portal:reply"), {"body": "Foto", "attachments": [upload]})
    assert response.status_code in (302, 400)
    for attachment in Attachment.objects.all():
        assert "/" not in attachment.filename and "\\" not in attachment.filename
        assert ".." not in attachment.filename and "\0" not in attachment.filename
        assert str(attachment.file.name).startswith("attachments/")
        download = signed_in(world.city.clerk_vollzug).get(
            reverse("workspace:attachment", args=[attachment.pk])
        )
        disposition = download["Content-Disposition"]
        assert disposition.startswith("attachment;") and "/" not in disposition
        assert download["X-Content-Type-Options"] == "nosniff"


def test_oversized_bodies_are_refused(world: World, settings: Any) -> None:
    client = Client()
    too_big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(reverse("portal:lost_link"), {"reference": too_big})
    assert response.status_code == 400
    many = {f"f{i}": "1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    assert client.post(reverse("portal:lost_link"), many).status_code == 400
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.get(reverse("portal:track_entry", args=[world.token]))
    huge = SimpleUploadedFile("gross.png", PNG + b"\0" * (10 * 1024 * 1024), "image/png")
    refused = client.post(reverse("portal:reply"), {"body": "mein Text", "attachments": [huge]})
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "zu groß" in body and "mein Text" in body, "message shown, text kept"
