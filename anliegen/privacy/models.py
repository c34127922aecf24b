from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Protokoll: who did or saw what. Rows are only ever added (and purged by retention)."""

    created_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=60, db_index=True)
    # A plain id, not a foreign key: the record of an access outlives the deleted ticket.
    ticket_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("Audit events are append-only.")


class AuditPolicy(models.Model):
    """Singleton policy row, edited by admins."""

    log_all_reads = models.BooleanField(
        _("Jeden Lesezugriff protokollieren"),
        default=True,
        help_text=_("Aus: nur Lesezugriffe auf besonders geschützte Anliegen."),
    )

    class Meta:
        verbose_name = _("Protokollierungsrichtlinie")
        verbose_name_plural = _("Protokollierungsrichtlinie")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> AuditPolicy:
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy
