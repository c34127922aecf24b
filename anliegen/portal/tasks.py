"""Periodic housekeeping of the portal, run by the task worker."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django_tasks import task

from . import drafts


@task()
def purge_draft_uploads() -> int:
    """Remove files of unfinished submissions once their session can no longer exist."""
    # One extra day so a citizen who opened the form just before the session limit is safe.
    lifetime = timedelta(seconds=settings.SESSION_COOKIE_AGE) + timedelta(days=1)
    return drafts.purge_abandoned(lifetime)
