from typing import Any

from django.core.management.base import BaseCommand

from anliegen.demo.catalogue import load_catalogue
from anliegen.demo.textmodules import load_text_modules
from anliegen.demo.tickets import create_demo_tickets, demo_ticket_count
from anliegen.routing.models import RoutingModelVersion
from anliegen.routing.training import train_and_activate


class Command(BaseCommand):
    help = "Load the demo city (org chart, catalogue, staff, tickets). Safe to run again."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--tickets", type=int, default=500)

    def handle(self, *args: Any, tickets: int, **options: Any) -> None:
        counts = load_catalogue()
        counts["text_modules"] = load_text_modules()
        self.stdout.write("Demo city: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        if not RoutingModelVersion.objects.filter(is_active=True).exists():
            version = train_and_activate()
            self.stdout.write(
                f"Routing model {version.version} trained in {version.training_seconds:.1f} s"
            )
        missing = tickets - demo_ticket_count()
        if missing > 0:
            create_demo_tickets(missing)
            self.stdout.write(f"{missing} demo tickets created")
