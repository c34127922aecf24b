from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ...imap import fetch_all


class Command(BaseCommand):
    help = "Holt neue E-Mails aus allen aktiven IMAP-Postfächern."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit", type=int, default=None, help="höchstens so viele je Postfach"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for address, count in fetch_all(options["limit"]).items():
            self.stdout.write(f"{address}: {count}")
