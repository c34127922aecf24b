import json

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audit import record
from .models import (
    ArchiveOffer,
    AuditEvent,
    AuditPolicy,
    RetentionPolicy,
    RetentionRule,
)
from .secret_admin import SecretRowsAdmin, shown_or_withheld


@admin.register(AuditEvent)
class AuditEventAdmin(SecretRowsAdmin[AuditEvent]):
    """The log as administrators see it: rows about sensitive tickets without their ticket
    or details, unless the administrator is cleared (privacy.secrecy); the data protection
    officer reads the whole log in the workspace viewer."""

    list_display = ["created_at", "actor_label", "action", "ticket"]
    list_filter = ["action"]
    search_fields = ["actor_label", "action"]
    date_hierarchy = "created_at"
    fields = readonly_fields = ("created_at", "actor_label", "action", "ticket", "details")

    @admin.display(description=_("Anliegen (ID)"))
    def ticket(self, event: AuditEvent) -> object:
        return shown_or_withheld(event, event.ticket_id)

    @admin.display(description=_("Einzelheiten"))
    def details(self, event: AuditEvent) -> object:
        return shown_or_withheld(event, json.dumps(event.detail, ensure_ascii=False, indent=1))


@admin.register(AuditPolicy)
class AuditPolicyAdmin(admin.ModelAdmin[AuditPolicy]):
    list_display = ["__str__", "log_all_reads", "retention_days"]


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin[RetentionRule]):
    list_display = ["retention_class", "start", "period_days", "sensitive_period_days", "outcome"]


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(admin.ModelAdmin[RetentionPolicy]):
    list_display = ["__str__", "archive_wait_days"]


def _decide(request: HttpRequest, offers: QuerySet[ArchiveOffer], decision: str) -> None:
    for offer in offers.filter(decision=ArchiveOffer.Decision.PENDING):
        offer.decision = decision
        offer.decided_at = timezone.now()
        offer.decided_by = request.user.get_username()
        offer.save(update_fields=["decision", "decided_at", "decided_by"])
        record(
            offer.decided_by,
            "retention.decided",
            actor_id=request.user.pk,
            offer_id=offer.pk,
            decision=decision,
        )


@admin.action(description=_("Archiv übernimmt die Anliegen"))
def accept(admin_: object, request: HttpRequest, offers: QuerySet[ArchiveOffer]) -> None:
    _decide(request, offers, ArchiveOffer.Decision.ACCEPTED)


@admin.action(description=_("Archiv lehnt ab (nicht archivwürdig)"))
def decline(admin_: object, request: HttpRequest, offers: QuerySet[ArchiveOffer]) -> None:
    _decide(request, offers, ArchiveOffer.Decision.DECLINED)


@admin.register(ArchiveOffer)
class ArchiveOfferAdmin(admin.ModelAdmin[ArchiveOffer]):
    """The archive's answer is recorded here; the package is downloaded from the list."""

    list_display = ["created_at", "ticket_count", "decision", "decided_at", "completed_at"]
    list_filter = ["decision"]
    readonly_fields = [
        "created_at",
        "ticket_count",
        "package",
        "decision",
        "decided_at",
        "decided_by",
        "completed_at",
    ]
    actions = [accept, decline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
