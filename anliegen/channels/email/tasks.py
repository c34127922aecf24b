"""Background tasks of the e-mail channel. The scheduler runs fetch_all_mailboxes periodically."""

from __future__ import annotations

from django_tasks import task

from .imap import fetch_all
from .ingest import retry_unscanned


@task()
def fetch_all_mailboxes() -> dict[str, int]:
    """Fetch every active IMAP mailbox; returns mails taken per mailbox address."""
    return {address: result.fetched for address, result in fetch_all().items()}


@task()
def retry_unscanned_mails() -> int:
    """Reprocess mails held back while clamd was unreachable; returns how many went through."""
    return retry_unscanned()
