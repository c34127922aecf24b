import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from anliegen.ops import backup


class Command(BaseCommand):
    help = "Back up the database and uploaded files into a new folder below --to."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--to", default="var/backups", help="folder for backups")

    def handle(self, *args: Any, to: str, **options: Any) -> None:
        try:
            folder = backup.create(Path(to))
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        manifest = backup.read_manifest(folder)
        self.stdout.write(json.dumps({"backup": str(folder), "tickets": manifest.tickets}))
