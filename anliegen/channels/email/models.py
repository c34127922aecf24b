"""Mailboxes, every raw mail received, every mail sent, reply addresses and bounces."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from anliegen.organization.models import OrgUnit
from anliegen.tickets.models import Message, Ticket


class Mailbox(models.Model):
    """An office's (or the city's) mail address: fetched over IMAP, used as sender identity."""

    name = models.CharField(_("Bezeichnung"), max_length=200)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("Organisationseinheit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mailboxes",
        help_text=_("Leer: stadtweites Postfach."),
    )
    address = models.EmailField(_("E-Mail-Adresse"), unique=True)
    sender_name = models.CharField(_("Absendername"), max_length=200, blank=True)
    imap_host = models.CharField(_("IMAP-Server"), max_length=200, blank=True)
    imap_port = models.PositiveIntegerField(_("IMAP-Port"), default=993)
    imap_tls = models.BooleanField(_("TLS (IMAPS)"), default=True)
    imap_user = models.CharField(_("IMAP-Benutzer"), max_length=200, blank=True)
    imap_password = models.CharField(_("IMAP-Passwort"), max_length=200, blank=True)
    imap_folder = models.CharField(_("Ordner"), max_length=200, default="INBOX")
    uid_validity = models.BigIntegerField(null=True, blank=True, editable=False)
    last_uid = models.BigIntegerField(default=0, editable=False)
    max_mails_per_sender_hour = models.PositiveIntegerField(
        _("Höchstens Mails je Absender und Stunde"), default=20
    )
    is_active = models.BooleanField(_("Aktiv"), default=True)
    last_fetch_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("Postfach")
        verbose_name_plural = _("Postfächer")

    def __str__(self) -> str:
        return f"{self.name} <{self.address}>"


class InboundMail(models.Model):
    """A received mail, stored raw before parsing so that nothing is ever lost."""

    class State(models.TextChoices):
        RECEIVED = "received", _("Empfangen")
        PROCESSED = "processed", _("Verarbeitet")
        QUARANTINED = "quarantined", _("Quarantäne")
        AUTO_REPLY = "auto_reply", _("Automatische Antwort (ignoriert)")
        BOUNCE = "bounce", _("Unzustellbarkeitsnachricht")
        RATE_LIMITED = "rate_limited", _("Zu viele Mails des Absenders")
        MACHINE = "machine", _("Maschinenpost (kein Anliegen)")

    mailbox = models.ForeignKey(
        Mailbox, null=True, blank=True, on_delete=models.SET_NULL, related_name="mails"
    )
    # One mail, one row: Message-ID (blank if none) and the hash of the mail without its
    # delivery headers (fingerprint.py). Message-IDs alone are reused by broken senders.
    message_id_header = models.CharField(_("Message-ID"), max_length=300, blank=True, db_index=True)
    content_hash = models.CharField(max_length=64)
    message_id_reused = models.BooleanField(
        _("Message-ID schon vergeben"),
        default=False,
        help_text=_("Eine andere E-Mail kam schon mit derselben Message-ID."),
    )
    raw = models.BinaryField()
    size = models.PositiveIntegerField(default=0)
    sender = models.CharField(_("Absender"), max_length=300, blank=True, db_index=True)
    subject = models.CharField(_("Betreff"), max_length=300, blank=True)
    state = models.CharField(
        _("Zustand"), max_length=20, choices=State.choices, default=State.RECEIVED
    )
    error = models.TextField(_("Fehler"), blank=True)
    text = models.TextField(_("Text (vollständig, mit Zitaten)"), blank=True)
    html = models.TextField(_("HTML (bereinigt)"), blank=True)
    ticket = models.ForeignKey(
        Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="inbound_mails"
    )
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="inbound_mails"
    )
    threaded_by = models.CharField(max_length=30, blank=True)
    # SHA-256 of the sender's own text (quotes folded): the loop guard compares it.
    body_hash = models.CharField(max_length=64, blank=True)
    received_at = models.DateTimeField(db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    # The secrecy of the ticket the mail went to (kept when the ticket is deleted): sender,
    # subject and text of such a mail only for the cleared (privacy.secrecy).
    sensitive = models.BooleanField(default=False)
    secrecy_unit_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("Eingegangene E-Mail")
        verbose_name_plural = _("Eingegangene E-Mails")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["sender", "received_at"], name="inbound_sender_time")]
        constraints = [
            models.UniqueConstraint(
                fields=["message_id_header", "content_hash"], name="inbound_one_row"
            )
        ]

    def __str__(self) -> str:
        # No sender or subject: this is the title of admin pages that are not redacted.
        return f"{self.state} #{self.pk}"


class ReplyAddress(models.Model):
    """The random plus-address token of a ticket: replies to it thread without guessing."""

    ticket = models.OneToOneField(Ticket, on_delete=models.CASCADE, related_name="reply_address")
    token = models.CharField(max_length=40, unique=True)

    class Meta:
        verbose_name = _("Antwortadresse")
        verbose_name_plural = _("Antwortadressen")

    def __str__(self) -> str:
        return self.token


TRACKING_LINK_PLACEHOLDER = "[[tracking-link]]"


class OutboundMail(models.Model):
    """Every mail the helpdesk sends, queued first and sent by a background task."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Wartend")
        SENT = "sent", _("Versendet")
        FAILED = "failed", _("Fehlgeschlagen")
        BOUNCED = "bounced", _("Unzustellbar")

    ticket = models.ForeignKey(
        Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="outbound_mails"
    )
    kind = models.CharField(_("Art"), max_length=40)
    recipient = models.EmailField(_("Empfänger"))
    sender = models.CharField(_("Absender"), max_length=300)
    reply_to = models.CharField(max_length=300, blank=True)
    subject = models.CharField(_("Betreff"), max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    # The bodies hold TRACKING_LINK_PLACEHOLDER instead of the citizen's secret link; the
    # sending job puts the link in only for the mail server (notifications/tasks.py).
    has_tracking_link = models.BooleanField(default=False, editable=False)
    message_id = models.CharField(max_length=255, unique=True)
    in_reply_to = models.CharField(max_length=255, blank=True)
    references = models.TextField(blank=True)
    state = models.CharField(
        _("Zustand"), max_length=20, choices=State.choices, default=State.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The ticket's social or tax secrecy when queued (kept when the ticket is deleted): only
    # the data protection role and the responsible office see such a mail (privacy.secrecy).
    sensitive = models.BooleanField(default=False)
    secrecy_unit_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("Gesendete E-Mail")
        verbose_name_plural = _("Gesendete E-Mails")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        # No address or subject: this is the title of admin pages (history, deletion) that
        # are not redacted row by row.
        return f"{self.kind} #{self.pk}"


class Bounce(models.Model):
    """A delivery failure report, recorded against the contact address it concerns."""

    address = models.EmailField(_("Adresse"), db_index=True)
    status = models.CharField(_("Status"), max_length=20, blank=True)
    diagnostic = models.TextField(_("Diagnose"), blank=True)
    is_permanent = models.BooleanField(default=False)
    outbound = models.ForeignKey(
        OutboundMail, null=True, blank=True, on_delete=models.SET_NULL, related_name="bounces"
    )
    inbound = models.ForeignKey(InboundMail, on_delete=models.CASCADE, related_name="bounces")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("Unzustellbarkeit")
        verbose_name_plural = _("Unzustellbarkeiten")

    def __str__(self) -> str:
        # No address: this is the title of admin pages that are not redacted.
        return f"{self.status} #{self.pk}"
