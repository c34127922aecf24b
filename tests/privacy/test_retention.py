"""Retention on a seeded data set: archive offer, decision, anonymisation, nothing left."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from anliegen.core.erasure import _erasers, register_eraser
from anliegen.dataprotection.retention.job import run
from anliegen.privacy.models import (
    ArchiveOffer,
    AuditEvent,
    AuditPolicy,
    RetentionPolicy,
    RetentionRule,
)
from anliegen.tickets.actions.retention import anonymise_ticket, delete_ticket
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Attachment, Message, Ticket
from tests.conftest import City

from .conftest import (
    DUE,
    DUE_SENSITIVE,
    KEPT,
    files_mentioning,
    rows_mentioning,
    seed_ticket,
    statistics,
)


@pytest.fixture
def seeded(city: City, django_capture_on_commit_callbacks: Any) -> dict[str, Ticket]:
    with django_capture_on_commit_callbacks(execute=True):
        return {
            # Standard class: 3 years; sensitive services: 1 year (the shorter default).
            "due": seed_ticket(city, DUE, closed_days_ago=4 * 365),
            "due_sensitive": seed_ticket(city, DUE_SENSITIVE, sensitive=True, closed_days_ago=400),
            "kept": seed_ticket(city, KEPT, closed_days_ago=400),
        }


def test_sensitive_services_have_a_shorter_default_period(db: None) -> None:
    for rule in RetentionRule.objects.all():
        assert rule.sensitive_period_days < rule.period_days


def test_dry_run_reports_and_changes_nothing(seeded: dict[str, Ticket]) -> None:
    before = statistics()
    out = io.StringIO()
    call_command("retention", "--dry-run", stdout=out)
    report = json.loads(out.getvalue())
    assert report["dry_run"] is True
    assert report["due"] == {"standard": 1, "standard (geschützt)": 1}
    assert report["offers_created"] == report["anonymised"] == 0
    assert ArchiveOffer.objects.count() == 0
    assert statistics() == before
    assert rows_mentioning(DUE.email)


def test_offer_package_then_archive_decision_then_anonymised(
    seeded: dict[str, Ticket], city: City, django_capture_on_commit_callbacks: Any
) -> None:
    before = statistics()
    report = run(batch_size=1)
    # Batches of one: each due ticket is its own offer; nothing is removed before a decision.
    assert report.offers_created == 2
    assert report.anonymised == 0
    offer = ArchiveOffer.objects.order_by("pk").first()
    assert offer is not None
    with zipfile.ZipFile(offer.package.open("rb")) as package:
        metadata = json.loads(package.read("metadata.json"))
        assert metadata["format"] == "anliegen-archive-offer"
        (record,) = metadata["tickets"]
        assert record["contact"]["name"] == DUE.name
        paths = [a["path"] for m in record["messages"] for a in m["attachments"]]
        assert paths and all(p in package.namelist() for p in paths)

    admin = Client()
    admin.force_login(city.admin)
    changelist = reverse("admin:privacy_archiveoffer_changelist")
    admin.post(
        changelist,
        {"action": "accept", "_selected_action": [o.pk for o in ArchiveOffer.objects.all()]},
    )
    assert set(ArchiveOffer.objects.values_list("decision", flat=True)) == {"accepted"}

    with django_capture_on_commit_callbacks(execute=True):
        report = run(batch_size=1)
    assert report.anonymised == 2
    assert statistics() == before, "ticket rows, service, unit, status and dates survive"
    for person in (DUE, DUE_SENSITIVE):
        for term in person.terms:
            assert rows_mentioning(term) == [], term
            assert files_mentioning(term) == [], term
    # The ticket not yet due keeps everything.
    assert rows_mentioning(KEPT.email)
    assert files_mentioning(KEPT.name.split()[-1])
    assert not Attachment.objects.filter(message__ticket=seeded["due"]).exists()
    assert Message.objects.filter(ticket=seeded["due"]).count() == 3, "texts stay, redacted"
    assert AuditEvent.objects.filter(action="ticket.anonymised").count() == 2


def test_without_decision_the_wait_runs_out(seeded: dict[str, Ticket]) -> None:
    policy = RetentionPolicy.current()
    policy.archive_wait_days = 0
    policy.save()
    report = run()
    assert (report.offers_created, report.anonymised) == (2, 2)
    assert run().anonymised == 0, "a second run finds nothing new"


def test_delete_outcome_removes_the_ticket(
    seeded: dict[str, Ticket], django_capture_on_commit_callbacks: Any
) -> None:
    RetentionRule.objects.update(outcome=RetentionRule.Outcome.DELETE)
    RetentionPolicy.objects.update_or_create(pk=1, defaults={"archive_wait_days": 0})
    count = Ticket.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        report = run()
    assert report.deleted == 2
    assert Ticket.objects.count() == count - 2
    for term in DUE.terms:
        assert rows_mentioning(term) == [], term
        assert files_mentioning(term) == [], term


def test_audit_log_has_its_own_retention(seeded: dict[str, Ticket]) -> None:
    from datetime import timedelta

    from django.utils import timezone

    policy = AuditPolicy.current()
    policy.retention_days = 30
    policy.save()
    old = AuditEvent.objects.order_by("pk")[:3]
    AuditEvent.objects.filter(pk__in=[e.pk for e in old]).update(
        created_at=timezone.now() - timedelta(days=31)
    )
    assert run(dry_run=True).audit_purged == 3
    total = AuditEvent.objects.count()
    assert run().audit_purged == 3
    assert AuditEvent.objects.count() >= total - 3


def test_the_task_runs_the_job(seeded: dict[str, Ticket], settings: Any) -> None:
    from anliegen.dataprotection.tasks import run_retention

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    result = run_retention.enqueue(dry_run=True)
    assert result.return_value is not None
    assert result.return_value["due"] == {"standard": 1, "standard (geschützt)": 1}


def _failing_eraser(ticket_id: int) -> int:
    raise RuntimeError("mail store unreachable")


@pytest.mark.parametrize("outcome", [delete_ticket, anonymise_ticket])
def test_a_rolled_back_retention_keeps_the_files(
    seeded: dict[str, Ticket], django_capture_on_commit_callbacks: Any, outcome: Any
) -> None:
    """An eraser failing after the files were dealt with rolls the ticket back: its
    attachments must still be there, not deleted before the commit."""
    ticket = seeded["due"]
    attachments = list(Attachment.objects.filter(message__ticket=ticket))
    assert attachments
    register_eraser(_failing_eraser)
    try:
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
            outcome(ticket.pk, Actor.system("test"), reason="test")
    finally:
        _erasers.remove(_failing_eraser)
    ticket.refresh_from_db()
    assert ticket.contact_email == DUE.email
    for attachment in attachments:
        assert Attachment.objects.filter(pk=attachment.pk).exists()
        with attachment.file.open("rb") as stored:
            assert DUE.name.encode() in stored.read()
    # The same call, committed this time, removes them from storage.
    with django_capture_on_commit_callbacks(execute=True):
        assert outcome(ticket.pk, Actor.system("test"), reason="test")
    assert files_mentioning(DUE.name.split()[-1]) == []
