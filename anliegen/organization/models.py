from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A member of staff. Citizens have no accounts."""

    class Meta:
        verbose_name = _("Mitarbeiter/in")
        verbose_name_plural = _("Mitarbeitende")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class OrgUnit(models.Model):
    class Kind(models.TextChoices):
        DEZERNAT = "dezernat", _("Dezernat")
        AMT = "amt", _("Amt / Fachbereich")
        EIGENBETRIEB = "eigenbetrieb", _("Eigenbetrieb")
        ABTEILUNG = "abteilung", _("Abteilung / Sachgebiet")
        EXTERNAL = "external", _("Externe Stelle")

    key = models.SlugField(_("Schlüssel"), max_length=80, unique=True)
    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=60, blank=True)
    kgst_number = models.CharField(_("KGSt-Nummer"), max_length=10, blank=True, db_index=True)
    external_id = models.CharField(_("Externe ID (XZuFi)"), max_length=100, blank=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.AMT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Übergeordnet"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_external = models.BooleanField(_("Externe Stelle"), default=False)
    is_triage_desk = models.BooleanField(
        _("Vorsortierung"),
        default=False,
        help_text=_("Mitglieder sortieren nicht zugeordnete Anliegen vor."),
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    address = models.CharField(_("Anschrift"), max_length=300, blank=True)
    opening_hours = models.TextField(_("Öffnungszeiten"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    is_active = models.BooleanField(_("Aktiv"), default=True)

    class Meta:
        verbose_name = _("Organisationseinheit")
        verbose_name_plural = _("Organisationseinheiten")
        ordering = ["kgst_number", "name"]

    def __str__(self) -> str:
        return f"{self.short_name} {self.name}".strip() if self.short_name else self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        CLERK = "clerk", _("Sachbearbeitung")
        LEAD = "lead", _("Leitung")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("Rolle"), max_length=10, choices=Role.choices, default=Role.CLERK)

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            models.UniqueConstraint(fields=["user", "org_unit"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.org_unit} ({self.get_role_display()})"


class Deputyship(models.Model):
    """While valid, ``deputy`` works with the offices of ``principal`` (Vertretung)."""

    principal = models.ForeignKey(User, on_delete=models.CASCADE, related_name="deputyships")
    deputy = models.ForeignKey(User, on_delete=models.CASCADE, related_name="deputising")
    starts_on = models.DateField(_("von"))
    ends_on = models.DateField(_("bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Vertretung")
        verbose_name_plural = _("Vertretungen")

    def __str__(self) -> str:
        return f"{self.deputy} vertritt {self.principal}"
