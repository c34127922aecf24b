from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from anliegen.core.models import SingletonPolicy


class RoutingPolicy(SingletonPolicy):
    """Singleton row: how sure the engine must be to route without a human."""

    auto_route_threshold = models.FloatField(
        _("Schwelle für automatische Zuordnung"),
        default=0.75,
        help_text=_("0 bis 1. Darunter landet ein Anliegen in der Vorsortierung."),
    )
    suggestions_shown = models.PositiveSmallIntegerField(_("Angezeigte Vorschläge"), default=5)

    class Meta:
        verbose_name = _("Zuordnungsrichtlinie")
        verbose_name_plural = _("Zuordnungsrichtlinie")


class RoutingModelVersion(models.Model):
    """A trained model. Every routing event records the version that made its suggestion."""

    version = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    blob = models.BinaryField()
    service_count = models.PositiveIntegerField(default=0)
    example_count = models.PositiveIntegerField(default=0)
    training_seconds = models.FloatField(default=0)
    is_active = models.BooleanField(default=False, db_index=True)

    class Meta:
        verbose_name = _("Zuordnungsmodell")
        verbose_name_plural = _("Zuordnungsmodelle")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.version
