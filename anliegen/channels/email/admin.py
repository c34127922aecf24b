from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from anliegen.privacy.secret_admin import (
    SecretRowsAdmin,
    shown_or_withheld,
    withheld_unless_shown,
)

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
class InboundMailAdmin(SecretRowsAdmin[InboundMail]):
    """Received mails, read-only; those that went to a sensitive ticket show sender,
    subject, text, mailbox and ticket only to the cleared (privacy.secrecy)."""

    list_display = ["received_at", "from_", "title", "state", "ticket_ref", "threaded_by"]
    list_filter = ["state", "mailbox", "message_id_reused"]
    search_fields = ["sender", "subject", "message_id_header"]
    actions = [reprocess_mails]
    fields = readonly_fields = (
        "received_at", "processed_at", "state", "size", "box", "ids", "message_id_reused",
        "from_", "title", "error_text", "text_", "html_", "ticket_ref", "threaded_by",
    )  # fmt: skip

    box = withheld_unless_shown("mailbox", _("Postfach"))
    ids = withheld_unless_shown("message_id_header", _("Message-ID"))
    from_ = withheld_unless_shown("sender", _("Absender"))
    title = withheld_unless_shown("subject", _("Betreff"))
    error_text = withheld_unless_shown("error", _("Fehler"))
    text_ = withheld_unless_shown("text", _("Text"))
    html_ = withheld_unless_shown("html", _("HTML"))

    @admin.display(description=_("Anliegen"))
    def ticket_ref(self, mail: InboundMail) -> object:
        return shown_or_withheld(mail, mail.ticket.reference if mail.ticket else "")


@admin.register(OutboundMail)
class OutboundMailAdmin(SecretRowsAdmin[OutboundMail]):
    """A log, read-only: whoever could change the recipient of a queued receipt would get
    the citizen's tracking link, which the sending job puts in (notifications/tasks.py).
    Mails of sensitive tickets show their addresses, office and text only to the cleared
    (privacy.secrecy), superusers included."""

    list_display = ["created_at", "kind", "to", "title", "state", "attempts"]
    list_filter = ["state", "kind"]
    search_fields = ["recipient", "subject", "message_id"]
    fields = readonly_fields = (
        "created_at", "kind", "state", "attempts", "sent_at", "error", "ticket_ref",
        "to", "from_", "reply_address", "title", "text", "html", "ids",
    )  # fmt: skip

    @admin.display(description=_("Fehler"))
    def error(self, mail: OutboundMail) -> object:
        # A mail server's refusal usually quotes the address.
        return shown_or_withheld(mail, mail.last_error)

    @admin.display(description=_("Anliegen"))
    def ticket_ref(self, mail: OutboundMail) -> object:
        return shown_or_withheld(mail, mail.ticket.reference if mail.ticket else "")

    @admin.display(description=_("Empfänger"))
    def to(self, mail: OutboundMail) -> object:
        return shown_or_withheld(mail, mail.recipient)

    @admin.display(description=_("Absender"))
    def from_(self, mail: OutboundMail) -> object:
        return shown_or_withheld(mail, mail.sender)

    @admin.display(description=_("Antwort an"))
    def reply_address(self, mail: OutboundMail) -> object:
        return shown_or_withheld(mail, mail.reply_to)

    @admin.display(description=_("Betreff"))
    def title(self, mail: OutboundMail) -> object:
        return shown_or_withheld(mail, mail.subject)

    @admin.display(description=_("Text"))
    def text(self, mail: OutboundMail) -> object:
        return shown_or_withheld(mail, mail.body_text)

    @admin.display(description=_("HTML"))
    def html(self, mail: OutboundMail) -> object:
        return shown_or_withheld(mail, mail.body_html)

    @admin.display(description="Message-ID / In-Reply-To / References")
    def ids(self, mail: OutboundMail) -> object:
        # The ids carry the office's mail domain and thread the mail with the others.
        return shown_or_withheld(
            mail, " ".join(filter(None, [mail.message_id, mail.in_reply_to, mail.references]))
        )


@admin.register(Bounce)
class BounceAdmin(SecretRowsAdmin[Bounce]):
    """A bounce of a mail to a sensitive ticket names the citizen's address: it carries the
    secrecy of the received report (privacy.secrecy)."""

    secrecy_path = "inbound"
    open_filters = frozenset({"status", "is_permanent", "created_at"})
    list_display = ["created_at", "to", "status", "is_permanent"]
    list_filter = ["is_permanent"]
    search_fields = ["address"]
    fields = readonly_fields = ("created_at", "to", "status", "is_permanent", "why")

    to = withheld_unless_shown("address", _("Adresse"))
    why = withheld_unless_shown("diagnostic", _("Diagnose"))
