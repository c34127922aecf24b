"""``manage.py retention --dry-run`` reports; without it, offers, anonymises and deletes."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from anliegen.dataprotection.retention.job import run


class Command(BaseCommand):
    help = "Aufbewahrungsfristen: Archivangebote erstellen, Anliegen anonymisieren oder löschen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="nur berichten, nichts ändern")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        report = run(dry_run=options["dry_run"], batch_size=options["batch_size"])
        self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
