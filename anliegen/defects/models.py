"""The public side of defect reports: the city's street list, the moderated public text,
supporters ("Ich bin auch betroffen") and the citizen's feedback after closing.

The ticket itself stays in ``tickets``; these rows hang off it and go with it (CASCADE) when
retention deletes it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from anliegen.catalog.models import District, Service
from anliegen.organization.models import OrgUnit


class Street(models.Model):
    """One street, or one section of it (house numbers ``house_from``–``house_to``), with a
    centre point. The address search and "same street section" use it."""

    name = models.CharField(_("Straße"), max_length=150, db_index=True)
    district = models.ForeignKey(
        District, verbose_name=_("Stadtteil"), null=True, blank=True, on_delete=models.SET_NULL
    )
    postal_code = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    house_from = models.PositiveIntegerField(_("Hausnummer von"), default=0)
    house_to = models.PositiveIntegerField(
        _("Hausnummer bis"), default=0, help_text=_("0: bis Ende")
    )
    latitude = models.DecimalField(_("Breite"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("Länge"), max_digits=9, decimal_places=6)

    class Meta:
        verbose_name = _("Straße")
        verbose_name_plural = _("Straßen")
        ordering = ["name", "house_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "district", "house_from"], name="street_section_unique"
            )
        ]

    def __str__(self) -> str:
        if self.house_from or self.house_to:
            return f"{self.name} {self.house_from}–{self.house_to or '…'}"
        return self.name


class PublicationSetting(models.Model):
    """Per service: show its defect reports on /meldungen/ and in Open311 (default: yes)."""

    service = models.OneToOneField(
        Service, on_delete=models.CASCADE, related_name="publication_setting"
    )
    show_publicly = models.BooleanField(_("öffentlich anzeigen"), default=True)

    class Meta:
        verbose_name = _("Veröffentlichung je Leistung")
        verbose_name_plural = _("Veröffentlichung je Leistung")

    def __str__(self) -> str:
        return f"{self.service}: {self.show_publicly}"


class PublicText(models.Model):
    """The public description of a defect report, written or approved by staff. Without one,
    only service, status and rough location are public."""

    ticket = models.OneToOneField(
        "tickets.Ticket", on_delete=models.CASCADE, related_name="public_text"
    )
    text = models.CharField(_("Öffentliche Beschreibung"), max_length=500)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("freigegeben am"))

    class Meta:
        verbose_name = _("Öffentliche Beschreibung")
        verbose_name_plural = _("Öffentliche Beschreibungen")

    def __str__(self) -> str:
        return self.text[:60]


class Support(models.Model):
    """A citizen who is affected too ("Ich bin auch betroffen") instead of filing a duplicate;
    with an e-mail address they follow the report's status until they stop or it is deleted.

    Each supporter has an own secret link to the report (/verfolgen/meldung/…), derived like
    a ticket's tracking link from a random nonce (core.tokens): the database holds only the
    nonce and the link's hash, a queued mail a placeholder."""

    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="supports")
    email = models.EmailField(_("E-Mail"), blank=True)
    token_nonce = models.CharField(max_length=64, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # Set when a later duplicate was merged into the report: its citizen follows it now.
    merged_from = models.CharField(max_length=30, blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("am"))

    class Meta:
        verbose_name = _("Unterstützung")
        verbose_name_plural = _("Unterstützungen")
        constraints = [
            models.UniqueConstraint(
                fields=["ticket", "email"],
                condition=~models.Q(email=""),
                name="support_one_per_address",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ticket_id} {self.created_at:%Y-%m-%d}"


class Feedback(models.Model):
    """ "Wurde Ihr Anliegen gelöst?" — once per ticket, through the tracking link. Office and
    service are copied so that the figures survive the ticket's anonymisation."""

    ticket = models.OneToOneField(
        "tickets.Ticket", on_delete=models.SET_NULL, null=True, related_name="feedback"
    )
    org_unit = models.ForeignKey(OrgUnit, null=True, on_delete=models.SET_NULL, related_name="+")
    service = models.ForeignKey(Service, null=True, on_delete=models.SET_NULL, related_name="+")
    solved = models.BooleanField(_("gelöst"))
    rating = models.PositiveSmallIntegerField(
        _("Zufriedenheit (1–5)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("Kommentar"), blank=True, max_length=2000)
    reopened = models.BooleanField(_("wieder geöffnet"), default=False)
    created_at = models.DateTimeField(_("am"), db_index=True)

    class Meta:
        verbose_name = _("Rückmeldung")
        verbose_name_plural = _("Rückmeldungen")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {'ja' if self.solved else 'nein'} {self.rating}"
