from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from anliegen.catalog.models import District, Service
from anliegen.organization.models import OrgUnit

from ..status import Status


class Channel(models.TextChoices):
    WEB = "web", _("Online-Formular")
    EMAIL = "email", _("E-Mail")
    PHONE = "phone", _("Telefon")
    COUNTER = "counter", _("Vor Ort")
    LETTER = "letter", _("Brief")
    OPEN311 = "open311", _("Open311-App")
    API = "api", _("Schnittstelle")


class Priority(models.IntegerChoices):
    LOW = 1, _("niedrig")
    NORMAL = 2, _("normal")
    HIGH = 3, _("hoch")
    URGENT = 4, _("dringend")


class ReferenceCounter(models.Model):
    """Last reference number handed out per year; one row per year, locked on increment."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Aktenzeichen-Zähler")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class Ticket(models.Model):
    """An Anliegen: one concern of one citizen, from receipt to closing."""

    reference = models.CharField(_("Vorgangsnummer"), max_length=16, unique=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The tracking token is derived from this nonce and SECRET_KEY (core.tokens); empty for
    # links handed out before, which were random and are known only by their hash.
    token_nonce = models.CharField(max_length=64, blank=True, editable=False)
    # Hash of the submitter's key for this one concern (the portal's draft): a repeated or
    # concurrent submission with the same key finds this ticket instead of making a second.
    submission_key_hash = models.CharField(max_length=64, blank=True, default="", editable=False)
    channel = models.CharField(_("Eingangskanal"), max_length=20, choices=Channel.choices)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    subject = models.CharField(_("Betreff"), max_length=200)
    service = models.ForeignKey(
        Service,
        verbose_name=_("Leistung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("Organisationseinheit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Bearbeitung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_tickets",
    )
    priority = models.PositiveSmallIntegerField(
        _("Priorität"), choices=Priority.choices, default=Priority.NORMAL
    )
    is_sensitive = models.BooleanField(_("besonders geschützt"), default=False)
    # Contact: kept on the ticket so retention can anonymise one row per concern.
    contact_name = models.CharField(_("Name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail"), blank=True, db_index=True)
    contact_phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    # The language the citizen wrote in (portal language, mail's Content-Language); mails to
    # the citizen use it. Empty: the site's default language.
    contact_language = models.CharField(_("Sprache"), max_length=10, blank=True)
    location_text = models.CharField(_("Ort"), max_length=300, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("Stadtteil"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    form_data = models.JSONField(_("Angaben zur Leistung"), default=dict, blank=True)
    public_status_text = models.CharField(_("Öffentlicher Statustext"), max_length=500, blank=True)
    routing_confidence = models.FloatField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_tickets"
    )
    created_at = models.DateTimeField(_("Eingang"), db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    first_response_due = models.DateTimeField(_("Erste Antwort fällig"), null=True, blank=True)
    resolution_due = models.DateTimeField(_("Erledigung fällig"), null=True, blank=True)
    first_responded_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Deadline clock: paused while waiting for the citizen; escalation steps already taken.
    clock_paused_at = models.DateTimeField(null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Anliegen")
        verbose_name_plural = _("Anliegen")
        indexes = [
            models.Index(fields=["org_unit", "status", "-created_at"], name="ticket_unit_status"),
            models.Index(fields=["assignee", "status"], name="ticket_assignee_status"),
            models.Index(fields=["status", "-created_at"], name="ticket_status_created"),
            models.Index(fields=["resolution_due"], name="ticket_resolution_due"),
            # "Other concerns of this person" matches the address case-insensitively.
            models.Index(Upper("contact_email"), name="ticket_contact_email_upper"),
            # "Schon gemeldet?" (defects.nearby): a bounding box on both coordinates.
            models.Index(fields=["latitude", "longitude"], name="ticket_position"),
        ]
        constraints = [
            # Partial: most channels send no key, and "" must not collide with itself.
            models.UniqueConstraint(
                fields=["submission_key_hash"],
                condition=~models.Q(submission_key_hash=""),
                name="ticket_submission_key_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"


class ExternalReference(models.Model):
    """An Aktenzeichen of the same concern in a Fachverfahren or another ticket system."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="external_references")
    system = models.CharField(_("System"), max_length=100)
    reference = models.CharField(_("Aktenzeichen"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Externes Aktenzeichen")
        verbose_name_plural = _("Externe Aktenzeichen")
        constraints = [
            models.UniqueConstraint(fields=["system", "reference"], name="external_ref_unique")
        ]

    def __str__(self) -> str:
        return f"{self.system}: {self.reference}"
