from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anliegen.catalog.models import Service
from anliegen.organization.models import OrgUnit


class WebhookEvent(models.TextChoices):
    CREATED = "ticket.created", _("Anliegen eingegangen")
    ROUTED = "ticket.routed", _("Anliegen zugeordnet")
    STATUS_CHANGED = "ticket.status_changed", _("Status geändert")
    MESSAGE_ADDED = "ticket.message_added", _("Nachricht hinzugefügt")


class WebhookSubscription(models.Model):
    """Another system wants to hear about tickets of some offices/services."""

    name = models.CharField(_("Name"), max_length=100)
    url = models.URLField(_("Ziel-URL"), max_length=500)
    secret = models.CharField(
        _("Signaturschlüssel"), max_length=200, help_text=_("Für die HMAC-SHA256-Signatur.")
    )
    events = models.JSONField(_("Ereignisse"), default=list, help_text=_("Leer: alle."))
    org_units = models.ManyToManyField(
        OrgUnit,
        verbose_name=_("Stellen"),
        blank=True,
        related_name="+",
        help_text=_("Leer: alle Stellen. Untergeordnete Einheiten sind eingeschlossen."),
    )
    services = models.ManyToManyField(
        Service, verbose_name=_("Leistungen"), blank=True, related_name="+"
    )
    max_attempts = models.PositiveSmallIntegerField(_("Höchstzahl Versuche"), default=8)
    is_active = models.BooleanField(_("Aktiv"), default=True)

    class Meta:
        verbose_name = _("Webhook-Abonnement")
        verbose_name_plural = _("Webhook-Abonnements")

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    """One event for one subscriber; retried until delivered or out of attempts."""

    class State(models.TextChoices):
        PENDING = "pending", _("ausstehend")
        DELIVERED = "delivered", _("zugestellt")
        FAILED = "failed", _("gescheitert")

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    idempotency_key = models.CharField(max_length=100)
    event = models.CharField(max_length=60)
    payload = models.JSONField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Webhook-Zustellung")
        verbose_name_plural = _("Webhook-Zustellungen")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "idempotency_key"], name="webhook_delivery_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription} ({self.state})"


class WebhookAttempt(models.Model):
    """The delivery log: what was sent and what came back (the last ones per subscription)."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField()
    request_headers = models.JSONField(default=dict)
    request_body = models.TextField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("Zustellversuch")
        verbose_name_plural = _("Zustellversuche")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.status_code or self.error}"


class StatusIntegration(models.Model):
    """A Fachverfahren or departmental ticket system that reports status back."""

    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(_("Kennung in der URL"), max_length=60, unique=True)
    system = models.CharField(
        _("System"),
        max_length=100,
        help_text=_("Wie bei den verknüpften Aktenzeichen (z. B. „OK.VORFALL“)."),
    )
    secret = models.CharField(_("Signaturschlüssel"), max_length=200)
    is_active = models.BooleanField(_("Aktiv"), default=True)

    class Meta:
        verbose_name = _("Statusanbindung")
        verbose_name_plural = _("Statusanbindungen")

    def __str__(self) -> str:
        return self.name


class StatusExchange(models.Model):
    """Every inbound status message and what became of it, for support."""

    class Outcome(models.TextChoices):
        APPLIED = "applied", _("übernommen")
        BAD_SIGNATURE = "bad_signature", _("Signatur ungültig")
        STALE = "stale", _("Zeitstempel außerhalb des Fensters")
        REPLAY = "replay", _("bereits verarbeitet")
        UNKNOWN_REFERENCE = "unknown_reference", _("Aktenzeichen unbekannt")
        INVALID = "invalid", _("ungültiger Inhalt")
        REFUSED = "refused", _("abgelehnt")

    integration = models.ForeignKey(
        StatusIntegration, null=True, on_delete=models.SET_NULL, related_name="exchanges"
    )
    delivery_id = models.CharField(max_length=100, blank=True)
    received_at = models.DateTimeField(db_index=True)
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    detail = models.CharField(max_length=500, blank=True)
    payload = models.TextField(blank=True)
    ticket_id = models.BigIntegerField(null=True, blank=True)
    procedure_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("Statusmeldung")
        verbose_name_plural = _("Statusmeldungen")
        ordering = ["-received_at"]
        constraints = [
            # Replay protection that holds under concurrency: one applied row per delivery id.
            models.UniqueConstraint(
                fields=["integration", "delivery_id"],
                condition=Q(outcome="applied"),
                name="status_exchange_applied_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d %H:%M:%S} {self.delivery_id} {self.outcome}"
