from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ...lmtp import start


class Command(BaseCommand):
    help = "Startet den LMTP-Empfänger (oder SMTP mit --smtp), über den ein Mailserver zustellt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=2424)
        parser.add_argument("--smtp", action="store_true", help="SMTP statt LMTP sprechen")

    def handle(self, *args: Any, **options: Any) -> None:
        controller = start(options["host"], options["port"], lmtp=not options["smtp"])
        protocol = "SMTP" if options["smtp"] else "LMTP"
        self.stdout.write(f"{protocol} on {options['host']}:{options['port']}")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            controller.stop()
