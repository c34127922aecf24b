"""The retention run: offer due tickets to the archive, carry out decided offers, purge the
audit log. Every step works in batches of short transactions, so it scales to millions of
tickets without long locks, and ``dry_run`` reports what would happen without writing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from anliegen.privacy.audit import record
from anliegen.privacy.models import (
    ArchiveOffer,
    ArchiveOfferItem,
    AuditEvent,
    AuditPolicy,
    RetentionPolicy,
)
from anliegen.privacy.models import RetentionRule as Rule
from anliegen.tickets.actions.retention import anonymise_ticket, delete_ticket
from anliegen.tickets.actors import Actor

from .due import batches, due_groups
from .package import build_package

ACTOR = Actor.system("job:retention")


@dataclass
class Report:
    dry_run: bool
    due: dict[str, int] = field(default_factory=dict)
    offers_created: int = 0
    offers_ready: int = 0
    anonymised: int = 0
    deleted: int = 0
    audit_purged: int = 0

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def _offer(ids: list[int], outcome: str, now: datetime) -> None:
    with transaction.atomic():
        offer = ArchiveOffer.objects.create(created_at=now)
        ArchiveOfferItem.objects.bulk_create(
            ArchiveOfferItem(offer=offer, ticket_id=i, outcome=outcome) for i in ids
        )
        build_package(offer, ids, now)
        record(ACTOR.label, "retention.offered", offer_id=offer.pk, tickets=len(ids))


def offer_due(report: Report, now: datetime, batch_size: int) -> None:
    for group in due_groups(now):
        for ids in batches(group.tickets, batch_size):
            report.due[group.label] = report.due.get(group.label, 0) + len(ids)
            if report.dry_run:
                continue
            _offer(ids, group.rule.outcome, now)
            report.offers_created += 1


def ready_offers(now: datetime) -> list[ArchiveOffer]:
    """Offers the archive decided on, or whose waiting time is over, not yet carried out."""
    waited = now - timedelta(days=RetentionPolicy.current().archive_wait_days)
    return list(
        ArchiveOffer.objects.filter(completed_at__isnull=True).filter(
            ~Q(decision=ArchiveOffer.Decision.PENDING) | Q(created_at__lte=waited)
        )
    )


def carry_out(offer: ArchiveOffer, report: Report, batch_size: int) -> None:
    reason = f"retention offer {offer.pk}: {offer.decision}"
    open_items = ArchiveOfferItem.objects.filter(offer=offer, done_at__isnull=True)
    while items := list(open_items.order_by("pk")[:batch_size]):
        for item in items:
            if item.outcome == Rule.Outcome.DELETE:
                report.deleted += delete_ticket(item.ticket_id, ACTOR, reason=reason)
            else:
                report.anonymised += anonymise_ticket(item.ticket_id, ACTOR, reason=reason)
        ArchiveOfferItem.objects.filter(pk__in=[i.pk for i in items]).update(done_at=timezone.now())
    # The package holds the personal data; the archive has it or did not want it.
    if offer.package:
        offer.package.delete(save=False)
    offer.completed_at = timezone.now()
    offer.save(update_fields=["package", "completed_at"])
    record(ACTOR.label, "retention.carried_out", offer_id=offer.pk, decision=offer.decision)


def purge_audit(report: Report, now: datetime, batch_size: int) -> None:
    cutoff = now - timedelta(days=AuditPolicy.current().retention_days)
    old = AuditEvent.objects.filter(created_at__lt=cutoff)
    if report.dry_run:
        report.audit_purged = old.count()
        return
    while ids := list(old.order_by("pk").values_list("pk", flat=True)[:batch_size]):
        report.audit_purged += AuditEvent.objects.filter(pk__in=ids).delete()[0]


def run(*, dry_run: bool = False, batch_size: int = 500, now: datetime | None = None) -> Report:
    """One retention run; see the module docstring."""
    now = now or timezone.now()
    report = Report(dry_run=dry_run)
    offer_due(report, now, batch_size)
    offers = ready_offers(now)
    report.offers_ready = len(offers)
    if not dry_run:
        for offer in offers:
            carry_out(offer, report, batch_size)
    purge_audit(report, now, batch_size)
    return report
