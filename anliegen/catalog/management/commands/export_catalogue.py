import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from anliegen.catalog.imports import export
from anliegen.catalog.imports.pipeline import Format


class Command(BaseCommand):
    help = (
        "Export the active catalogue with its responsibilities (--what services) or the org "
        "chart (--what org_units) as DLDB, XZuFi, CSV or XLSX."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=[f.value for f in Format])
        parser.add_argument("--what", choices=["services", "org_units"], default="services")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["what"] == "org_units":
                content = export.export_org_units(options["format"])
            else:
                content = export.export_services(options["format"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["output"]:
            Path(options["output"]).write_bytes(content)
            self.stdout.write(f"{options['output']}: {len(content)} bytes")
        else:
            sys.stdout.buffer.write(content)
