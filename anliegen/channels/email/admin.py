from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .ingest import reprocess
from .models import Bounce, InboundMail, Mailbox, OutboundMail


@admin.register(Mailbox)
class MailboxAdmin(admin.ModelAdmin[Mailbox]):
    list_display = ["name", "address", "org_unit", "imap_host", "is_active", "last_fetch_at"]
    readonly_fields = ["uid_validity", "last_uid", "last_fetch_at", "last_error"]


@admin.action(description=_("Erneut verarbeiten"))
def reprocess_mails(
    modeladmin: admin.ModelAdmin[InboundMail], request: HttpRequest, queryset: QuerySet[InboundMail]
) -> None:
    done = [reprocess(mail).state for mail in queryset]
    ok = sum(state == InboundMail.State.PROCESSED for state in done)
    modeladmin.message_user(
        request, _("%(ok)s von %(all)s E-Mails verarbeitet.") % {"ok": ok, "all": len(done)},
        messages.INFO,
    )  # fmt: skip


@admin.register(InboundMail)
class InboundMailAdmin(admin.ModelAdmin[InboundMail]):
    list_display = ["received_at", "sender", "subject", "state", "ticket", "threaded_by"]
    list_filter = ["state", "mailbox", "message_id_reused"]
    search_fields = ["sender", "subject", "message_id_header"]
    actions = [reprocess_mails]
    exclude = ["raw"]
    readonly_fields = [
        "mailbox", "message_id_header", "message_id_reused", "content_hash", "size", "sender",
        "subject", "state", "error", "text", "html", "ticket", "message", "threaded_by",
        "received_at", "processed_at",
    ]  # fmt: skip


@admin.register(OutboundMail)
class OutboundMailAdmin(admin.ModelAdmin[OutboundMail]):
    """A log, read-only: whoever could change the recipient of a queued receipt would get
    the citizen's tracking link, which the sending job puts in (notifications/tasks.py)."""

    list_display = ["created_at", "kind", "recipient", "subject", "state", "attempts"]
    list_filter = ["state", "kind"]
    search_fields = ["recipient", "subject", "message_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: OutboundMail | None = None) -> bool:
        return False


@admin.register(Bounce)
class BounceAdmin(admin.ModelAdmin[Bounce]):
    list_display = ["created_at", "address", "status", "is_permanent"]
    search_fields = ["address"]
