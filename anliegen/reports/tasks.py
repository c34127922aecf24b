from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .compute import refresh_days
from .digest import send_digests

RECENT_DAYS = 3  # late status changes (reopened, resolved) still reach these days


@task()
def refresh_recent_figures() -> int:
    """Periodic: rebuild the daily figures of the last few days."""
    today = timezone.localdate()
    return refresh_days(today - timedelta(days=RECENT_DAYS - 1), today)


@task()
def send_staff_digest() -> int:
    """Periodic: the daily digest of open and overdue tickets for each member of staff."""
    return send_digests(timezone.now())
