from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodicJob(models.Model):
    """One row per registered periodic job: when it runs next and how often (admins edit).

    The row is the lock: a scheduler enqueues a run only if its conditional UPDATE moved
    ``next_run`` forward, so several schedulers never enqueue the same period twice.
    """

    name = models.CharField(_("Name"), max_length=100, unique=True)
    interval = models.DurationField(_("Intervall"))
    enabled = models.BooleanField(_("Aktiv"), default=True)
    next_run = models.DateTimeField(_("Nächster Lauf"))
    last_enqueued_at = models.DateTimeField(_("Zuletzt eingereiht"), null=True, blank=True)
    last_result_id = models.CharField(_("Letzte Aufgaben-ID"), max_length=64, blank=True)
    runs = models.PositiveIntegerField(_("Läufe"), default=0)

    class Meta:
        verbose_name = _("Wiederkehrende Aufgabe")
        verbose_name_plural = _("Wiederkehrende Aufgaben")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
