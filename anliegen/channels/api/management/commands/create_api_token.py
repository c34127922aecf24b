"""Issue an API key for offices: prints the key once (only its hash is stored)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from anliegen.organization.models import OrgUnit

from ...tokens import issue_token


class Command(BaseCommand):
    help = "Create an API key scoped to offices (by key), read-only unless --write."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--office", action="append", default=[], dest="offices")
        parser.add_argument("--write", action="store_true")
        parser.add_argument("--rate-limit", type=int, default=120, help="requests per minute")

    def handle(self, *args: Any, **options: Any) -> None:
        keys: list[str] = options["offices"]
        offices = list(OrgUnit.objects.filter(key__in=keys))
        missing = set(keys) - {o.key for o in offices}
        if missing:
            raise CommandError(f"unknown offices: {', '.join(sorted(missing))}")
        if not offices:
            raise CommandError("give at least one --office")
        issued = issue_token(
            options["name"],
            offices,
            can_write=options["write"],
            rate_limit_per_minute=options["rate_limit"],
        )
        self.stdout.write(issued.secret)
