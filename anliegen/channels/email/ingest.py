"""The one way in for mail: IMAP, LMTP, the import command and the tests call ingest_message.

A mail is one (Message-ID, content hash) pair (fingerprint.py): a re-delivery of the same
mail changes nothing, a different mail under a known Message-ID is stored and handled too.
The raw bytes are committed first; parsing, threading and the ticket write follow in a second
transaction. A crash in between leaves a RECEIVED row that the next delivery of the same mail
(or reprocess) finishes, so nothing is lost and nothing doubled.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from anliegen.core.uploads import ScanUnavailable

from .fingerprint import Fingerprint, fingerprint
from .models import InboundMail, Mailbox
from .parsing import parse_header_block
from .parsing.headers import sender as header_sender
from .parsing.headers import text_header

logger = logging.getLogger(__name__)
# Mails per memo scope (core.memo) in the fetcher and the import: mailboxes, policies and
# webhook subscriptions are read once per batch; an admin's change is seen by the next one.
BATCH = 50
RETRYABLE = {InboundMail.State.RECEIVED, InboundMail.State.QUARANTINED}
HELD = [
    InboundMail.State.QUARANTINED,
    InboundMail.State.RATE_LIMITED,
    InboundMail.State.MACHINE,
    InboundMail.State.AUTO_REPLY,
]


@dataclass(frozen=True)
class Ingested:
    inbound: InboundMail
    duplicate: bool  # this very mail was stored before (a re-delivery): nothing new happened


def ingest_message(
    raw: bytes, mailbox: Mailbox | None = None, *, envelope: Sequence[str] = ()
) -> InboundMail:
    """Store ``raw`` (once per mail) and turn it into a ticket message if it is one."""
    return ingest(raw, mailbox, envelope=envelope).inbound


def ingest(raw: bytes, mailbox: Mailbox | None = None, *, envelope: Sequence[str] = ()) -> Ingested:
    found = fingerprint(raw)
    # One query answers both questions: stored before (a re-delivery), or a reused ID.
    rows = InboundMail.objects.filter(message_id_header=found.message_id)
    if not found.message_id:
        rows = rows.filter(content_hash=found.content_hash)
    # A clash beyond these rows still ends as one row: the unique constraint (see _store).
    same_id = dict(rows.values_list("content_hash", "pk").order_by("pk")[:100])
    if found.content_hash in same_id:
        inbound, duplicate = InboundMail.objects.get(pk=same_id[found.content_hash]), True
    else:
        reused = bool(found.message_id and same_id)
        inbound, duplicate = _store(raw, found, mailbox, reused=reused)
    if inbound.state == InboundMail.State.RECEIVED:
        done = process(inbound, envelope=list(envelope))
        if done is None:
            inbound.refresh_from_db()
        else:
            inbound = done
    return Ingested(inbound, duplicate)


def _store(
    raw: bytes, found: Fingerprint, mailbox: Mailbox | None, *, reused: bool
) -> tuple[InboundMail, bool]:
    try:
        headers = parse_header_block(raw)  # the header block only: the body is parsed later
        sender, subject = header_sender(headers)[1], text_header(headers, "Subject")
    except Exception:
        sender, subject = "", ""
    try:
        with transaction.atomic():
            inbound = InboundMail.objects.create(
                mailbox=mailbox,
                message_id_header=found.message_id,
                content_hash=found.content_hash,
                message_id_reused=reused,
                raw=raw,
                size=len(raw),
                sender=sender[:300],
                subject=subject[:300],
                received_at=timezone.now(),
            )
    except IntegrityError:  # delivered twice at the same moment (IMAP and LMTP)
        same = InboundMail.objects.get(
            message_id_header=found.message_id, content_hash=found.content_hash
        )
        return same, True
    if reused:
        # Kept and handled as a mail of its own; the log says why threading by this ID
        # points at the earlier mail only.
        logger.warning(
            "Message-ID %s reused by a different mail (stored as %s)", found.message_id, inbound.pk
        )
    return inbound, False


# What handling changes: the raw bytes are not written again.
_HANDLED_FIELDS = [
    "state", "error", "text", "html", "ticket", "message", "threaded_by", "body_hash",
    "processed_at", "sensitive", "secrecy_unit_id",
]  # fmt: skip


def process(
    inbound: InboundMail, *, envelope: list[str] | None = None, accept: bool = False
) -> InboundMail | None:
    """Parse and thread a stored mail; on any failure quarantine it with the reason.
    Returns the handled row, or None when another worker had it or it was quarantined."""
    from .handling import handle

    try:
        with transaction.atomic():
            locked = InboundMail.objects.select_for_update().get(pk=inbound.pk)
            if locked.state not in RETRYABLE:
                return None  # another worker finished it meanwhile
            if InboundMail.mailbox.is_cached(inbound) and inbound.mailbox_id == locked.mailbox_id:
                locked.mailbox = inbound.mailbox  # the caller's (fetcher's) row, not read again
            locked.error = ""
            handle(locked, envelope or [], accept=accept)
            locked.processed_at = timezone.now()
            locked.save(update_fields=_HANDLED_FIELDS)
        return locked
    except Exception as error:
        logger.exception("mail %s quarantined", inbound.pk)
        InboundMail.objects.filter(pk=inbound.pk).update(
            state=InboundMail.State.QUARANTINED,
            error=f"{type(error).__name__}: {error}\n\n{traceback.format_exc()[-3000:]}",
            processed_at=timezone.now(),
        )
        return None


def reprocess(inbound: InboundMail, *, accept: bool = False) -> InboundMail:
    """Try a held mail again, e.g. after a parser fix; ``accept`` takes machine mail, loops and
    rate-limited mail over as a concern (a staff decision in the quarantine)."""
    InboundMail.objects.filter(pk=inbound.pk).update(state=InboundMail.State.RECEIVED)
    process(inbound, accept=accept)
    inbound.refresh_from_db()
    return inbound


def retry_unscanned() -> int:
    """Reprocess mails quarantined because clamd could not check an attachment."""
    held = InboundMail.objects.filter(
        state=InboundMail.State.QUARANTINED, error__startswith=f"{ScanUnavailable.__name__}:"
    ).only("pk")
    done = [reprocess(inbound).state for inbound in held[:200]]
    return done.count(InboundMail.State.PROCESSED)


def over_rate_limit(inbound: InboundMail) -> bool:
    limit = inbound.mailbox.max_mails_per_sender_hour if inbound.mailbox else 20
    if not inbound.sender:
        return False
    recent = InboundMail.objects.filter(
        sender=inbound.sender,
        received_at__gte=inbound.received_at - timedelta(hours=1),
        received_at__lte=inbound.received_at,
        state=InboundMail.State.PROCESSED,
    ).exclude(pk=inbound.pk)
    return recent.count() >= limit


def repeats_subject(inbound: InboundMail, limit: int) -> bool:
    """``limit`` earlier mails of this sender with this subject and text within the hour."""
    if not inbound.sender or not inbound.subject.strip():
        return False
    recent = InboundMail.objects.filter(
        sender=inbound.sender,
        subject=inbound.subject,
        body_hash=inbound.body_hash,
        received_at__gte=inbound.received_at - timedelta(hours=1),
        received_at__lte=inbound.received_at,
    ).exclude(pk=inbound.pk)
    return recent[:limit].count() >= limit
