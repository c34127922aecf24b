from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anliegen.organization.models import OrgUnit

from .ticket import Channel, Ticket


class Message(models.Model):
    class Kind(models.TextChoices):
        CITIZEN = "citizen", _("Nachricht der Bürgerin / des Bürgers")
        PUBLIC_REPLY = "public_reply", _("Antwort an Bürger/in")
        INTERNAL_NOTE = "internal_note", _("Interner Vermerk")

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    body = models.TextField(_("Text"))
    # For mail threading: the Message-ID it arrived with or was sent under.
    email_message_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_public(self) -> bool:
        return self.kind != self.Kind.INTERNAL_NOTE


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is random; the citizen's filename is kept only as metadata.
    return f"attachments/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    filename = models.CharField(_("Dateiname"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("Anhang")
        verbose_name_plural = _("Anhänge")

    def __str__(self) -> str:
        return self.filename


class EventKind(models.TextChoices):
    CREATED = "created", _("Eingegangen")
    ROUTED = "routed", _("Zugeordnet")
    ASSIGNED = "assigned", _("Zugewiesen")
    STATUS_CHANGED = "status_changed", _("Status geändert")
    MESSAGE_ADDED = "message_added", _("Nachricht")
    CONSULTATION_REQUESTED = "consultation_requested", _("Beteiligung angefragt")
    CONSULTATION_ANSWERED = "consultation_answered", _("Beteiligung beantwortet")
    MERGED = "merged", _("Zusammengeführt")
    PRIORITY_CHANGED = "priority_changed", _("Priorität geändert")
    EXTERNAL_REFERENCE = "external_reference", _("Aktenzeichen verknüpft")
    EXTERNAL_STATUS = "external_status", _("Status aus Fachverfahren")
    TOKEN_REISSUED = "token_reissued", _("Neuer Link zur Vorgangsverfolgung")
    TAGS_CHANGED = "tags_changed", _("Schlagwörter geändert")
    ESCALATED = "escalated", _("Frist-Erinnerung")
    EFFORT_RECORDED = "effort_recorded", _("Aufwand erfasst")


class TicketEvent(models.Model):
    """The timeline (Verlauf). ``is_public`` events are shown to the citizen."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=100, blank=True)
    data = models.JSONField(default=dict, blank=True)
    is_public = models.BooleanField(default=False)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("Verlaufseintrag")
        verbose_name_plural = _("Verlauf")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"


class Consultation(models.Model):
    """Beteiligung: another office is asked for input; the ticket stays where it is."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="consultations")
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("Beteiligte Stelle"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    question = models.TextField(_("Frage"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField()
    answer = models.TextField(_("Antwort"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Beteiligung")
        verbose_name_plural = _("Beteiligungen")

    def __str__(self) -> str:
        return f"{self.ticket.reference} → {self.org_unit}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None


class TextModule(models.Model):
    """Textbaustein with placeholders such as {name}, {reference}, {service}."""

    org_unit = models.ForeignKey(
        OrgUnit,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="text_modules",
        help_text=_("Leer: für alle Stellen."),
    )
    title = models.CharField(_("Titel"), max_length=200)
    body = models.TextField(_("Text"))
    is_active = models.BooleanField(_("Aktiv"), default=True)

    class Meta:
        verbose_name = _("Textbaustein")
        verbose_name_plural = _("Textbausteine")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
