"""Vorgang: a running administrative procedure, fed by a Fachverfahren or entered by staff.

The link to an Anliegen is the ticket's external reference with the same system and
Aktenzeichen (tickets.ExternalReference), so there is one link, not two that could disagree.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from anliegen.catalog.models import Service
from anliegen.organization.models import OrgUnit


def validate_pattern(value: str) -> None:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValidationError(
            _("Kein gültiger regulärer Ausdruck: %(error)s"), params={"error": str(exc)}
        ) from exc


class ReferenceFormat(models.Model):
    """How the Aktenzeichen of one specialist system look and which office owns them: a number
    typed by a citizen finds its office even when no procedure is registered yet."""

    system = models.CharField(
        _("System"),
        max_length=100,
        help_text=_("Wie bei der Statusanbindung (z. B. „PROBAUG“)."),
    )
    name = models.CharField(_("Bezeichnung"), max_length=100)
    pattern = models.CharField(
        _("Muster"),
        max_length=200,
        validators=[validate_pattern],
        help_text=_("Regulärer Ausdruck für das ganze Aktenzeichen, z. B. 63-\\d{4}-\\d{4}."),
    )
    example = models.CharField(_("Beispiel"), max_length=100, blank=True)
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("Zuständige Stelle"), on_delete=models.PROTECT, related_name="+"
    )
    service = models.ForeignKey(
        Service,
        verbose_name=_("Leistung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    is_active = models.BooleanField(_("Aktiv"), default=True)

    class Meta:
        verbose_name = _("Aktenzeichen-Format")
        verbose_name_plural = _("Aktenzeichen-Formate")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.system}: {self.name}"


class VerifierKind(models.TextChoices):
    NONE = "", _("keine")
    POSTAL_CODE = "postal_code", _("Postleitzahl")
    BIRTH_DATE = "birth_date", _("Geburtsdatum")
    PIN = "pin", _("PIN aus dem Eingangsschreiben")


class Procedure(models.Model):
    """A Vorgang of a Fachverfahren: what the citizen may learn about it with the verifier."""

    system = models.CharField(_("System"), max_length=100)
    reference = models.CharField(_("Aktenzeichen"), max_length=200)
    # Upper case, no spaces: what a citizen's typing is compared with.
    reference_key = models.CharField(max_length=200, editable=False)
    service = models.ForeignKey(
        Service,
        verbose_name=_("Leistung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="procedures",
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("Zuständige Stelle"),
        on_delete=models.PROTECT,
        related_name="procedures",
    )
    status_text = models.CharField(_("Stand für Bürgerinnen und Bürger"), max_length=500)
    next_step = models.CharField(_("Nächster Schritt"), max_length=500, blank=True)
    is_closed = models.BooleanField(_("Abgeschlossen"), default=False)
    verifier_kind = models.CharField(
        _("Prüfangabe"), max_length=20, choices=VerifierKind.choices, blank=True
    )
    # HMAC of the normalised verifier (see verifier.py); never the value itself.
    verifier_hash = models.CharField(max_length=128, blank=True, editable=False)
    created_at = models.DateTimeField(_("Angelegt"))
    updated_at = models.DateTimeField(_("Zuletzt geändert"))
    closed_at = models.DateTimeField(_("Abgeschlossen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Verfahren")
        verbose_name_plural = _("Verfahren")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["system", "reference"], name="procedure_unique"),
        ]
        indexes = [models.Index(fields=["reference_key"], name="procedure_reference_key")]

    def __str__(self) -> str:
        return f"{self.system}: {self.reference}"

    @property
    def has_verifier(self) -> bool:
        return bool(self.verifier_hash)

    @property
    def is_sensitive(self) -> bool:
        return self.service is not None and self.service.is_sensitive


class ProcedureEntry(models.Model):
    """One status report of a procedure: its history, in order."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="entries")
    at = models.DateTimeField(_("Zeitpunkt"), db_index=True)
    status_text = models.CharField(_("Stand"), max_length=500)
    next_step = models.CharField(_("Nächster Schritt"), max_length=500, blank=True)
    source = models.CharField(_("Quelle"), max_length=150)

    class Meta:
        verbose_name = _("Verfahrensstand")
        verbose_name_plural = _("Verfahrensstände")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.status_text[:40]}"


class StatusInquiry(models.Model):
    """A citizen asked for the status of an Aktenzeichen that /sachstand/ could not answer:
    an Anliegen for the owning office. The verifier typed then is kept as HMACs (one per kind,
    the procedure's kind is not known yet) so that a procedure registered later shows its
    status on this Anliegen only if the verifier matches; otherwise staff answer."""

    ticket = models.OneToOneField(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="status_inquiry"
    )
    system = models.CharField(max_length=100, blank=True)
    reference = models.CharField(_("Aktenzeichen"), max_length=200)
    reference_key = models.CharField(max_length=200, db_index=True)
    procedure = models.ForeignKey(
        Procedure,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    verifier_salt = models.CharField(max_length=32, editable=False)
    verifier_hashes = models.JSONField(default=dict, editable=False)
    # None: no procedure (with a verifier) known yet; then True/False once compared.
    verified = models.BooleanField(null=True, default=None)
    created_at = models.DateTimeField(_("Eingang"))
    answered_at = models.DateTimeField(_("Beantwortet durch das Fachverfahren"), null=True)

    class Meta:
        verbose_name = _("Sachstandsanfrage")
        verbose_name_plural = _("Sachstandsanfragen")

    def __str__(self) -> str:
        return f"{self.reference} ({self.ticket_id})"


class InquiryCount(models.Model):
    """Status questions per day and office, and how they were answered: by /sachstand/ at
    once (no staff) or as an Anliegen. No personal data."""

    class Way(models.TextChoices):
        SELF_SERVICE = "self_service", _("sofort beantwortet (ohne Anliegen)")
        TICKET = "ticket", _("als Sachstandsanfrage (Anliegen)")

    date = models.DateField(_("Tag"))
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+", null=True)
    way = models.CharField(_("Weg"), max_length=20, choices=Way.choices)
    count = models.PositiveIntegerField(_("Anzahl"), default=0)

    class Meta:
        verbose_name = _("Sachstandsabfragen (Zahl)")
        verbose_name_plural = _("Sachstandsabfragen (Zahlen)")
        # No unique constraint: the office may be unknown (NULL), and a rare second row of a
        # day from a race still sums right in the reports.
        indexes = [models.Index(fields=["date", "org_unit", "way"], name="inquiry_count_day")]

    def __str__(self) -> str:
        return f"{self.date} {self.org_unit_id} {self.way}: {self.count}"
