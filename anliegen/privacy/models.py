from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anliegen.core.models import SingletonPolicy


class AuditEvent(models.Model):
    """Protokoll: who did or saw what. Rows are only ever added (and purged by retention)."""

    created_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=60, db_index=True)
    # A plain id, not a foreign key: the record of an access outlives the deleted ticket.
    ticket_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    detail = models.JSONField(default=dict, blank=True)
    # Social or tax secrecy of the ticket when the row was written, and its office then:
    # only the data protection role and that office see such a row's details (secrecy.py).
    sensitive = models.BooleanField(default=False)
    secrecy_unit_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("Audit events are append-only.")


class AuditPolicy(SingletonPolicy):
    """Singleton policy row, edited by admins."""

    log_all_reads = models.BooleanField(
        _("Jeden Lesezugriff protokollieren"),
        default=True,
        help_text=_("Aus: nur Lesezugriffe auf besonders geschützte Anliegen."),
    )
    retention_days = models.PositiveIntegerField(
        _("Protokoll aufbewahren (Tage)"),
        default=730,
        help_text=_("Ältere Protokolleinträge löscht der Aufbewahrungslauf."),
    )

    class Meta:
        verbose_name = _("Protokollierungsrichtlinie")
        verbose_name_plural = _("Protokollierungsrichtlinie")


class RetentionRule(models.Model):
    """How long tickets of one retention class of the catalogue are kept, and from when."""

    class Start(models.TextChoices):
        CLOSED = "closed", _("Abschluss des Anliegens")
        CREATED = "created", _("Eingang des Anliegens")

    class Outcome(models.TextChoices):
        ANONYMISE = "anonymise", _("anonymisieren (Statistik bleibt)")
        DELETE = "delete", _("löschen")

    # The values of catalog.Service.RetentionClass; a plain string keeps privacy free of
    # catalogue imports.
    retention_class = models.CharField(_("Aufbewahrungsklasse"), max_length=20, unique=True)
    start = models.CharField(
        _("Frist beginnt mit"), max_length=20, choices=Start.choices, default=Start.CLOSED
    )
    period_days = models.PositiveIntegerField(_("Frist (Tage)"))
    sensitive_period_days = models.PositiveIntegerField(
        _("Frist für besonders geschützte Anliegen (Tage)"),
        help_text=_("Sozial- und Steuergeheimnis: in der Regel kürzer."),
    )
    outcome = models.CharField(
        _("Danach"), max_length=20, choices=Outcome.choices, default=Outcome.ANONYMISE
    )

    class Meta:
        verbose_name = _("Aufbewahrungsregel")
        verbose_name_plural = _("Aufbewahrungsregeln")
        ordering = ["period_days"]

    def __str__(self) -> str:
        return f"{self.retention_class}: {self.period_days} / {self.sensitive_period_days}"


class RetentionPolicy(SingletonPolicy):
    """Singleton: how long the archive may take to decide on an offer."""

    archive_wait_days = models.PositiveIntegerField(
        _("Wartezeit auf das Archiv (Tage)"),
        default=90,
        help_text=_("Ohne Entscheidung des Archivs wird danach anonymisiert bzw. gelöscht."),
    )

    class Meta:
        verbose_name = _("Aufbewahrungsrichtlinie")
        verbose_name_plural = _("Aufbewahrungsrichtlinie")


class ArchiveOffer(models.Model):
    """Anbietung: a package of due tickets offered to the public archive before deletion."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("offen")
        ACCEPTED = "accepted", _("übernommen (archivwürdig)")
        DECLINED = "declined", _("abgelehnt (nicht archivwürdig)")

    created_at = models.DateTimeField(_("angeboten am"), db_index=True)
    decision = models.CharField(
        _("Entscheidung des Archivs"),
        max_length=20,
        choices=Decision.choices,
        default=Decision.PENDING,
    )
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    decided_by = models.CharField(_("erfasst von"), max_length=150, blank=True)
    package = models.FileField(_("Paket"), upload_to="archive-offers/", max_length=200, blank=True)
    ticket_count = models.PositiveIntegerField(_("Anliegen"), default=0)
    completed_at = models.DateTimeField(_("ausgeführt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Archivangebot")
        verbose_name_plural = _("Archivangebote")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} ({self.ticket_count})"


class ArchiveOfferItem(models.Model):
    """One ticket in an offer. A plain id: the row outlives a deleted ticket."""

    offer = models.ForeignKey(ArchiveOffer, on_delete=models.CASCADE, related_name="items")
    ticket_id = models.BigIntegerField(unique=True)
    outcome = models.CharField(max_length=20)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Angebotenes Anliegen")
        verbose_name_plural = _("Angebotene Anliegen")
        indexes = [models.Index(fields=["offer", "done_at"], name="offer_item_open")]

    def __str__(self) -> str:
        return f"{self.offer_id}: {self.ticket_id}"
