from django.utils import timezone
from django_tasks import task

from .actions import escalate_due, issue_pending_link


@task()
def check_deadlines() -> int:
    """Periodic: fire the escalation steps that have become due."""
    return escalate_due(timezone.now())


@task()
def send_lost_link(reference: str, email_digest: str) -> bool:
    """ "Link verloren?" out of the request (tickets.actions.tracking.request_lost_link)."""
    return issue_pending_link(reference, email_digest)
