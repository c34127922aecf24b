import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from anliegen.ops import backup


class Command(BaseCommand):
    help = (
        "Restore a backup folder into the configured database and upload folder, then check "
        "that every ticket of the backup is there (exit status 1 if not)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("folder")
        parser.add_argument(
            "--replace", action="store_true", help="overwrite a database that holds tickets"
        )
        parser.add_argument(
            "--verify-only", action="store_true", help="only check, restore nothing"
        )

    def handle(self, *args: Any, folder: str, replace: bool, verify_only: bool, **o: Any) -> None:
        path = Path(folder)
        try:
            if not verify_only:
                backup.restore(path, replace=replace)
            result = backup.verify(path)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            json.dumps(
                {
                    "expected": result.expected,
                    "found": result.found,
                    "missing": result.missing,
                    "media_missing": result.media_missing,
                }
            )
        )
        if not result.ok:
            raise CommandError("the restored data is incomplete")
