"""Anonymous counts of citizens sent to an existing online service or appointment booking."""

from __future__ import annotations

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anliegen.catalog.models import Service


class DeflectionCount(models.Model):
    """One counter per day, service and channel; no personal data, no IP, no cookie."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online-Dienst")
        APPOINTMENT = "appointment", _("Terminbuchung")
        # /sachstand/ answered a status question from the procedure register (issue 21)
        STATUS = "status", _("Sachstand ohne Anliegen")

    date = models.DateField(_("Tag"))
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("Weg"), max_length=20, choices=Channel.choices)
    count = models.PositiveIntegerField(_("Anzahl"), default=0)

    class Meta:
        verbose_name = _("Weiterleitung")
        verbose_name_plural = _("Weiterleitungen")
        constraints = [
            models.UniqueConstraint(
                fields=["date", "service", "channel"], name="deflection_unique_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.service_id} {self.channel}: {self.count}"


def count_deflection(service: Service, channel: DeflectionCount.Channel) -> None:
    """Add one use; the UPDATE … SET count = count + 1 keeps concurrent clicks exact."""
    today = timezone.localdate()
    row, _created = DeflectionCount.objects.get_or_create(
        date=today, service=service, channel=channel
    )
    DeflectionCount.objects.filter(pk=row.pk).update(count=F("count") + 1)
