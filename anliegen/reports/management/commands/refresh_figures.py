"""Rebuild the daily report figures of the last N days (first fill, or after an import)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from anliegen.reports.compute import refresh_days


class Command(BaseCommand):
    help = "Rebuild DailyFigure and DurationFigure rows for the last --days days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=3)

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        rows = refresh_days(today - timedelta(days=max(options["days"], 1) - 1), today)
        self.stdout.write(f"{rows} daily figure rows for {options['days']} days")
