"""Pre-aggregated daily figures: the dashboard reads these, never the ticket table."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyFigure(models.Model):
    """Counts of one local day for one office × service × channel (no personal data)."""

    date = models.DateField(_("Tag"))
    org_unit = models.ForeignKey(
        "organization.OrgUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey(
        "catalog.Service", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(_("Eingangskanal"), max_length=20)
    incoming = models.PositiveIntegerField(default=0)
    auto_routed = models.PositiveIntegerField(default=0)
    rerouted = models.PositiveIntegerField(default=0)  # of the auto-routed, moved by staff
    responded = models.PositiveIntegerField(default=0)  # first responses given that day
    responded_in_time = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    resolved_in_time = models.PositiveIntegerField(default=0)
    open_at_end = models.PositiveIntegerField(default=0)  # backlog at the end of the day
    # Zeiterfassung: staff minutes recorded that day, and the whole recorded effort of the
    # tickets resolved that day (only those with any record), for "minutes per concern".
    effort_minutes = models.PositiveIntegerField(default=0)
    effort_entries = models.PositiveIntegerField(default=0)
    effort_resolved_minutes = models.PositiveIntegerField(default=0)
    resolved_with_effort = models.PositiveIntegerField(default=0)
    # „Wurde Ihr Anliegen gelöst?“ (defects.Feedback) answered that day: answers, "yes",
    # answers with a rating, and the sum of the ratings (1–5) for the average.
    feedback = models.PositiveIntegerField(default=0)
    feedback_solved = models.PositiveIntegerField(default=0)
    feedback_rated = models.PositiveIntegerField(default=0)
    rating_sum = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Tageskennzahl")
        verbose_name_plural = _("Tageskennzahlen")
        indexes = [models.Index(fields=["date", "org_unit"], name="dailyfigure_date_unit")]

    def __str__(self) -> str:
        return f"{self.date} {self.org_unit_id} {self.service_id} {self.channel}"


class DurationFigure(models.Model):
    """How many durations of one kind fell into one bucket on one day in one office.

    Medians and 90th percentiles over any period are read from these histograms.
    """

    class Metric(models.TextChoices):
        FIRST_RESPONSE = "first_response", _("Erste Antwort")
        RESOLUTION = "resolution", _("Erledigung")
        BACKLOG_AGE = "backlog_age", _("Alter des Bestands")

    date = models.DateField(_("Tag"))
    org_unit = models.ForeignKey(
        "organization.OrgUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    metric = models.CharField(max_length=20, choices=Metric.choices)
    bucket = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("Dauerverteilung")
        verbose_name_plural = _("Dauerverteilungen")
        indexes = [
            models.Index(fields=["metric", "date", "org_unit"], name="durationfigure_lookup")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.metric} {self.bucket}: {self.count}"
