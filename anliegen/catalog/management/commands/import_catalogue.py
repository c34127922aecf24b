from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from anliegen.catalog.actions import CatalogueActor
from anliegen.catalog.imports import pipeline, report
from anliegen.catalog.imports.records import FormatError
from anliegen.core.errors import DomainError


class Command(BaseCommand):
    help = (
        "Import a service catalogue (DLDB JSON, XZuFi XML, CSV or XLSX): validate, show the "
        "diff, apply it in one transaction. --full retires active services missing from the file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", required=True, choices=[f.value for f in pipeline.Format])
        parser.add_argument("--dry-run", action="store_true", help="show the diff, write nothing")
        parser.add_argument(
            "--full", action="store_true", help="the file is the whole catalogue: retire the rest"
        )
        parser.add_argument("--quiet-diff", action="store_true", help="only the summary lines")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path} does not exist")
        content = path.read_bytes()
        actor = CatalogueActor(f"import_catalogue {path.name}")
        try:
            if options["dry_run"]:
                plan = pipeline.plan(content, options["format"], full=options["full"])
                result: dict[str, int] = {}
            else:
                plan, result = pipeline.run(content, options["format"], actor, full=options["full"])
        except (FormatError, DomainError) as exc:
            raise CommandError(str(exc)) from exc
        for line in report.lines(plan, verbose=not options["quiet_diff"]):
            self.stdout.write(line)
        if not plan.can_apply:
            raise CommandError("Errors found: nothing was written.")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
        elif plan.diff.is_empty and plan.org_units.is_empty:
            self.stdout.write("Nothing to change.")
        else:
            self.stdout.write(f"Applied: {result}. Routing retraining scheduled.")
