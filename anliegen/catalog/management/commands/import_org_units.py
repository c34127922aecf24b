from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from anliegen.catalog.actions import CatalogueActor
from anliegen.catalog.imports import tabular, xzufi
from anliegen.catalog.imports.org_units import apply_org_units, plan_org_units
from anliegen.catalog.imports.records import FormatError
from anliegen.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Import the org chart: CSV/XLSX with KGSt numbers and parents, or XZuFi "
        "Organisationseinheit elements."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", required=True, choices=["csv", "xlsx", "xzufi"])
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path} does not exist")
        content = path.read_bytes()
        try:
            if options["format"] == "xzufi":
                rows = xzufi.read(content).org_units
            elif options["format"] == "xlsx":
                rows = tabular.org_units(tabular.xlsx_rows(content))
            else:
                rows = tabular.org_units(tabular.csv_rows(content))
            plan = plan_org_units(rows)
            for problem in plan.problems:
                self.stdout.write(
                    f"{problem.severity.upper():8s} {problem.where}: {problem.message}"
                )
            for row in plan.new:
                self.stdout.write(f"  + {row.key}: {row.name}")
            for row, fields in plan.changed:
                self.stdout.write(f"  ~ {row.key}: {', '.join(fields)}")
            self.stdout.write(
                f"org units: {len(plan.new)} new, {len(plan.changed)} changed, "
                f"{plan.unchanged} unchanged"
            )
            if plan.errors:
                raise CommandError("Errors found: nothing was written.")
            if options["dry_run"]:
                self.stdout.write("Dry run: nothing was written.")
                return
            apply_org_units(plan, CatalogueActor(f"import_org_units {path.name}"))
        except (FormatError, DomainError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("Applied.")
