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


class Draft(models.Model):
    """A clerk's unsent reply or internal note on one ticket, saved while typing and restored
    when the clerk comes back (issue 16, point 6). Only its author ever reads it."""

    class Kind(models.TextChoices):
        REPLY = "reply", _("Antwort")
        NOTE = "note", _("Interner Vermerk")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    ticket = models.ForeignKey("tickets.Ticket", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    body = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Entwurf")
        verbose_name_plural = _("Entwürfe")
        constraints = [
            models.UniqueConstraint(fields=["user", "ticket", "kind"], name="draft_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.ticket_id}"
