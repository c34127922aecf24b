"""Issue 19, finding 7: "Link verloren?" tells nobody whether reference and address match,
and nobody who knows both can revoke the citizen's link.

The request only queues a job keyed by a hash of the address, so it does the same work (the
same queries, the same answer byte for byte) whatever was entered; the job mails a pending
new link and the current one keeps working until the new one is opened, or the new one
expires after 24 hours."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from anliegen.tickets.actions import CreatedTicket, NewTicket, create_ticket
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel, EventKind, PendingTrackingLink
from tests.conftest import City

ADDRESS = "erika.muster@example.org"
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[A-Za-z0-9]{64}"')


@pytest.fixture
def created(city: City) -> CreatedTicket:
    return create_ticket(
        NewTicket(
            text="Die Laterne vor Haus 4 ist aus.",
            channel=Channel.WEB,
            service=city.laterne,
            contact_name="Erika Muster",
            contact_email=ADDRESS,
        ),
        Actor.citizen(),
    )


def _ask(client: Client, reference: str, email: str) -> Any:
    return client.post(reverse("portal:lost_link"), {"reference": reference, "email": email})


def _opens(token: str) -> bool:
    client = Client()
    entry = client.get(reverse("portal:track_entry", args=[token]))
    return entry.status_code == 302 and client.get(reverse("portal:track")).status_code == 200


def _link_in_last_mail() -> str:
    body = str(mail.outbox[-1].body)
    found = re.search(r"/verfolgen/([A-Za-z0-9_-]{30,})/", body)
    assert found, body
    return found.group(1)


def _shape(sql: str) -> str:
    """A statement without its values: what the database was asked, not with which input."""
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)


@pytest.mark.django_db(transaction=True)
def test_the_request_does_the_same_work_whatever_was_entered(
    created: CreatedTicket, settings: Any
) -> None:
    # The real queue: the lookup must not run inside the request.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    reference, receipts = created.ticket.reference, len(mail.outbox)
    inputs = [
        (reference, ADDRESS),  # both match
        (reference, "someone.else@example.org"),  # the address does not
        ("2026-999999-X", ADDRESS),  # no such reference
        (reference, ADDRESS.upper()),  # matches again
    ]
    answers, shapes = [], []
    for ref, email in inputs:
        with CaptureQueriesContext(connection) as queries:
            answers.append(_ask(Client(), ref, email))
        shapes.append([_shape(q["sql"]) for q in queries.captured_queries])
    assert {a.status_code for a in answers} == {200}
    # Byte for byte the same page; only the CSRF token of the header's language form differs,
    # masked afresh for every response whatever the input (Django's BREACH protection).
    pages = {CSRF.sub(b"", a.content) for a in answers}
    assert len(pages) == 1
    assert "Wenn Vorgangsnummer und E-Mail-Adresse" in answers[0].text
    assert all(s == shapes[0] for s in shapes), shapes
    jobs = DBTaskResult.objects.order_by("enqueued_at")
    assert jobs.count() == len(inputs)
    for job in jobs:
        assert ADDRESS not in str(job.args_kwargs).lower()  # only the address's hash
    assert len(mail.outbox) == receipts  # nothing happened in the request itself
    assert created.ticket.events.filter(kind=EventKind.TOKEN_REISSUED).count() == 0


def test_the_old_link_works_until_the_new_one_is_opened(
    created: CreatedTicket, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _ask(Client(), created.ticket.reference, ADDRESS)
        _ask(Client(), created.ticket.reference, "someone.else@example.org")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [ADDRESS]
    new = _link_in_last_mail()
    assert new != created.token
    # Anyone may ask; the citizen's link does not die from it.
    assert _opens(created.token)
    assert _opens(created.token)
    with django_capture_on_commit_callbacks(execute=True):
        assert _opens(new)
    assert not _opens(created.token)  # the new link has replaced it
    assert _opens(new)
    assert not PendingTrackingLink.objects.exists()
    assert len(mail.outbox) == 1  # taking the new link into use sends nothing
    assert created.ticket.events.filter(kind=EventKind.TOKEN_REISSUED).count() == 2


def test_a_pending_link_expires_after_a_day(
    created: CreatedTicket, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _ask(Client(), created.ticket.reference, ADDRESS)
    new = _link_in_last_mail()
    pending = PendingTrackingLink.objects.get()
    assert (
        timedelta(hours=23, minutes=59) < pending.expires_at - timezone.now() <= timedelta(hours=24)
    )
    PendingTrackingLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert not _opens(new)
    assert _opens(created.token)


def test_asking_again_at_once_sends_no_second_mail(
    created: CreatedTicket, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            _ask(Client(), created.ticket.reference, ADDRESS)
    assert len(mail.outbox) == 1
    first = _link_in_last_mail()
    PendingTrackingLink.objects.update(created_at=timezone.now() - timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=True):
        _ask(Client(), created.ticket.reference, ADDRESS)
    assert len(mail.outbox) == 2
    assert not _opens(first)  # a newer request replaces the pending link
    assert _opens(_link_in_last_mail())
