from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from anliegen.core.memo import memo_scope

from ...ingest import BATCH, ingest
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
        files: list[Path] = options["files"]
        for start in range(0, len(files), BATCH):
            with memo_scope():  # mailboxes and policies read once per batch of files
                for path in files[start : start + BATCH]:
                    self._import(path, mailbox)

    def _import(self, path: Path, mailbox: Mailbox | None) -> None:
        if not path.is_file():
            raise CommandError(f"{path}: Datei nicht gefunden")
        done = ingest(path.read_bytes(), mailbox)
        inbound = done.inbound
        ticket = inbound.ticket.reference if inbound.ticket else "-"
        line = f"{path}: {inbound.state} {ticket} (E-Mail {inbound.pk})"
        if done.duplicate:
            line += " – schon importiert, unverändert"
        elif inbound.message_id_reused:
            line += f" – Message-ID {inbound.message_id_header} schon vergeben, eigene E-Mail"
        self.stdout.write(line)
