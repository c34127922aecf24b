from django.utils import timezone
from django_tasks import task

from .actions import escalate_due


@task()
def check_deadlines() -> int:
    """Periodic: fire the escalation steps that have become due."""
    return escalate_due(timezone.now())
