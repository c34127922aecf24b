from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .ticket import Ticket


class Tag(models.Model):
    """A free label staff put on tickets ("Presse", "Wiederholt"); shared by all offices."""

    name = models.CharField(_("Name"), max_length=50, unique=True)
    # The relation lives here so that Ticket stays the plain core row.
    tickets = models.ManyToManyField(Ticket, blank=True, related_name="tags")

    class Meta:
        verbose_name = _("Schlagwort")
        verbose_name_plural = _("Schlagwörter")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
