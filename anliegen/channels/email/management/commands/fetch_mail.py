from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...imap import fetch_all


class Command(BaseCommand):
    help = "Holt neue E-Mails aus allen aktiven IMAP-Postfächern."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit", type=int, default=None, help="höchstens so viele je Postfach"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        failed = False
        for address, result in fetch_all(options["limit"]).items():
            self.stdout.write(f"{address}: {result.fetched}")
            if result.error:
                failed = True
                self.stderr.write(f"{address}: {result.error}")
        if failed:
            raise CommandError("Nicht alle Postfächer konnten abgeholt werden.")
