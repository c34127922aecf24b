from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anliegen.organization.models import OrgUnit

from .validators import validate_form_fields, validate_leika_key, validate_string_list


class District(models.Model):
    """A Stadtteil. Responsibilities can be limited to some districts."""

    key = models.SlugField(_("Schlüssel"), max_length=80, unique=True)
    name = models.CharField(_("Name"), max_length=120)
    postal_codes = models.JSONField(
        _("Postleitzahlen"), default=list, blank=True, validators=[validate_string_list]
    )

    class Meta:
        verbose_name = _("Stadtteil")
        verbose_name_plural = _("Stadtteile")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Topic(models.Model):
    key = models.SlugField(_("Schlüssel"), max_length=80, unique=True)
    name = models.CharField(_("Name"), max_length=120)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    """A Verwaltungsleistung of the catalogue."""

    class Kind(models.TextChoices):
        REQUEST = "request", _("Antrag / Leistung")
        DEFECT = "defect", _("Mängelmeldung")
        INFORMATION = "information", _("Auskunft / Beschwerde")

    class Sensitivity(models.TextChoices):
        NORMAL = "normal", _("normal")
        SENSITIVE = "sensitive", _("besonders geschützt (Sozial-/Steuergeheimnis)")

    class RetentionClass(models.TextChoices):
        SHORT = "short", _("kurz (1 Jahr)")
        STANDARD = "standard", _("Standard (3 Jahre)")
        LONG = "long", _("lang (10 Jahre)")

    key = models.SlugField(_("Schlüssel"), max_length=100, unique=True)
    name = models.CharField(_("Bezeichnung"), max_length=250)
    citizen_name = models.CharField(_("Bürgerfreundlicher Name"), max_length=250, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    # The source's own rich text (already sanitised with nh3 on import), shown instead of the
    # plain description, with ``source`` as attribution.
    description_html = models.TextField(_("Beschreibung (HTML der Quelle)"), blank=True)
    source = models.CharField(_("Quelle"), max_length=250, blank=True)
    external_id = models.CharField(_("Externe ID (DLDB/XZuFi)"), max_length=100, blank=True)
    synonyms = models.JSONField(
        _("Suchbegriffe / Synonyme"), default=list, blank=True, validators=[validate_string_list]
    )
    leika_key = models.CharField(
        _("LeiKa-Schlüssel"),
        max_length=14,
        blank=True,
        validators=[validate_leika_key],
        db_index=True,
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("Thema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
    )
    life_situations = models.JSONField(
        _("Lebenslagen"), default=list, blank=True, validators=[validate_string_list]
    )
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.REQUEST)
    online_service_url = models.URLField(_("Online-Dienst"), blank=True)
    appointment_url = models.URLField(_("Terminbuchung"), blank=True)
    form_fields = models.JSONField(
        _("Formularfelder"), default=list, blank=True, validators=[validate_form_fields]
    )
    sla_first_response_hours = models.PositiveIntegerField(
        _("Erste Antwort (Arbeitsstunden)"), default=16
    )
    sla_resolution_days = models.PositiveIntegerField(_("Erledigung (Arbeitstage)"), default=10)
    retention_class = models.CharField(
        _("Aufbewahrung"),
        max_length=20,
        choices=RetentionClass.choices,
        default=RetentionClass.STANDARD,
    )
    sensitivity = models.CharField(
        _("Schutzbedarf"), max_length=20, choices=Sensitivity.choices, default=Sensitivity.NORMAL
    )
    is_active = models.BooleanField(_("Aktiv"), default=True)

    class Meta:
        verbose_name = _("Leistung")
        verbose_name_plural = _("Leistungen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.citizen_name or self.name

    @property
    def is_sensitive(self) -> bool:
        return self.sensitivity == self.Sensitivity.SENSITIVE


class ResponsibilityQuerySet(models.QuerySet["Responsibility"]):
    def current(self) -> ResponsibilityQuerySet:
        today = timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today)
        )


class Responsibility(models.Model):
    """Zuständigkeit: which unit does a service, in which districts, from when to when."""

    class Role(models.TextChoices):
        LEAD = "lead", _("federführend")
        CONTRIBUTOR = "contributor", _("beteiligt")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="responsibilities")
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="responsibilities")
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.LEAD)
    districts = models.ManyToManyField(
        District, blank=True, verbose_name=_("Stadtteile"), help_text=_("Leer: ganze Stadt.")
    )
    streets = models.JSONField(
        _("Straßen"),
        default=list,
        blank=True,
        validators=[validate_string_list],
        help_text=_("Leer: alle Straßen der Stadtteile."),
    )
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_until = models.DateField(_("gültig bis"), null=True, blank=True)

    objects = ResponsibilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("Zuständigkeit")
        verbose_name_plural = _("Zuständigkeiten")

    def __str__(self) -> str:
        return f"{self.service} → {self.org_unit} ({self.get_role_display()})"


class LinkCheck(models.Model):
    """The latest check of one link of a service (online service, appointment booking)."""

    class Kind(models.TextChoices):
        ONLINE = "online", _("Online-Dienst")
        APPOINTMENT = "appointment", _("Terminbuchung")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="link_checks")
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    url = models.URLField(_("Adresse"), max_length=500)
    ok = models.BooleanField(_("erreichbar"))
    status_code = models.PositiveIntegerField(_("HTTP-Status"), null=True, blank=True)
    error = models.CharField(_("Fehler"), max_length=300, blank=True)
    checked_at = models.DateTimeField(_("geprüft am"))

    class Meta:
        verbose_name = _("Linkprüfung")
        verbose_name_plural = _("Linkprüfungen")
        constraints = [
            models.UniqueConstraint(fields=["service", "kind"], name="one_link_check_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.kind}: {'ok' if self.ok else self.error or self.status_code}"
