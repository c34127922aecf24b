from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...ingest import ingest_message
from ...models import Mailbox


class Command(BaseCommand):
    help = "Importiert E-Mails (.eml-Dateien) über denselben Weg wie IMAP und LMTP."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--mailbox", help="Adresse des Postfachs, dem die Mails zugehen")

    def handle(self, *args: Any, **options: Any) -> None:
        mailbox = None
        if options["mailbox"]:
            mailbox = Mailbox.objects.filter(address__iexact=options["mailbox"]).first()
            if mailbox is None:
                raise CommandError(f"Kein Postfach {options['mailbox']}")
        for path in options["files"]:
            if not path.is_file():
                raise CommandError(f"{path}: Datei nicht gefunden")
            inbound = ingest_message(path.read_bytes(), mailbox)
            ticket = inbound.ticket.reference if inbound.ticket else "-"
            self.stdout.write(f"{path}: {inbound.state} {ticket}")
