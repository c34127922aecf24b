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


class OfficeHoursRule(models.Model):
    """Business hours of an office on one weekday; deadlines count only this time.

    A unit without rows inherits its parent's hours; without any, Monday to Friday 8–16.
    """

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Montag")
        TUESDAY = 1, _("Dienstag")
        WEDNESDAY = 2, _("Mittwoch")
        THURSDAY = 3, _("Donnerstag")
        FRIDAY = 4, _("Freitag")
        SATURDAY = 5, _("Samstag")
        SUNDAY = 6, _("Sonntag")

    org_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="office_hours")
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    opens = models.TimeField(_("von"))
    closes = models.TimeField(_("bis"))

    class Meta:
        verbose_name = _("Servicezeit")
        verbose_name_plural = _("Servicezeiten")
        ordering = ["org_unit", "weekday"]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "weekday"], name="office_hours_unique"),
            models.CheckConstraint(
                condition=models.Q(opens__lt=models.F("closes")), name="office_hours_order"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.org_unit} {self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"
        )
