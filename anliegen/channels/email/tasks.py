"""Background tasks of the e-mail channel. The scheduler runs fetch_all_mailboxes periodically."""

from __future__ import annotations

from django_tasks import task

from .imap import fetch_mailbox, fetched_mailboxes
from .ingest import retry_unscanned


@task()
def fetch_all_mailboxes() -> dict[str, str]:
    """Queue one fetch per active IMAP mailbox, so that workers fetch mailboxes in parallel
    (one slow or busy mailbox no longer holds up the others); returns the task id per address."""
    return {
        mailbox.address: fetch_one_mailbox.enqueue(mailbox.pk).id for mailbox in fetched_mailboxes()
    }


@task()
def fetch_one_mailbox(mailbox_id: int) -> int:
    """Fetch one mailbox (if still active); returns the mails taken."""
    mailbox = fetched_mailboxes().filter(pk=mailbox_id).first()
    return fetch_mailbox(mailbox).fetched if mailbox is not None else 0


@task()
def retry_unscanned_mails() -> int:
    """Reprocess mails held back while clamd was unreachable; returns how many went through."""
    return retry_unscanned()
