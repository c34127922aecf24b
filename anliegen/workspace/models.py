from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedFilter(models.Model):
    """An inbox query a clerk named and keeps; stored as the inbox's query string."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters"
    )
    name = models.CharField(_("Name"), max_length=80)
    query = models.CharField(_("Filter"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Gespeicherter Filter")
        verbose_name_plural = _("Gespeicherte Filter")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="saved_filter_unique")]

    def __str__(self) -> str:
        return self.name
