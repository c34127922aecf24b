from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anliegen.organization.models import OrgUnit


class ApiToken(models.Model):
    """A key for another system. Only the SHA-256 of the secret is stored; the full key is
    shown once when it is created. It acts for its offices only (and the units below them)."""

    name = models.CharField(_("Name"), max_length=100)
    prefix = models.CharField(_("Präfix"), max_length=16, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, editable=False)
    offices = models.ManyToManyField(
        OrgUnit, verbose_name=_("Stellen"), related_name="+", blank=True
    )
    can_write = models.BooleanField(_("Darf schreiben"), default=False)
    rate_limit_per_minute = models.PositiveIntegerField(_("Anfragen pro Minute"), default=120)
    is_active = models.BooleanField(_("Aktiv"), default=True)
    created_at = models.DateTimeField(_("Angelegt"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(_("Zuletzt benutzt"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-Schlüssel")
        verbose_name_plural = _("API-Schlüssel")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
