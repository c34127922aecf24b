"""One row that /healthz writes, so that the check proves writes work (not only reads)."""

from __future__ import annotations

from django.db import models


class HealthProbe(models.Model):
    written_at = models.DateTimeField()

    class Meta:
        verbose_name = "Health probe"

    def __str__(self) -> str:
        return f"{self.written_at:%Y-%m-%d %H:%M:%S}"
