from typing import Any

from django.core.management.base import BaseCommand

from anliegen.demo.catalogue import DEMO_PASSWORD
from anliegen.organization.models import User


class Command(BaseCommand):
    help = "Print the demo accounts and their offices."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        users = User.objects.filter(is_staff=True).prefetch_related(
            "memberships__org_unit", "groups"
        )
        for user in users.order_by("-is_superuser", "username"):
            offices = ", ".join(
                f"{m.org_unit.name} ({m.get_role_display()})" for m in user.memberships.all()
            )
            roles = offices or ", ".join(g.name for g in user.groups.all()) or "Administration"
            self.stdout.write(f"  {user.username:<18} {roles}")
