"""Fetching a mailbox over IMAP by UID, so that a restart neither skips nor doubles a mail.

Each mail is ingested (committed) before the mailbox's last UID moves past it. A crash between
the two re-fetches that one mail next time, and ingest_message's Message-ID check makes the
second delivery a no-op. A changed UIDVALIDITY (folder re-created) starts again from UID 1;
again the Message-ID check keeps mails already taken from doubling.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import re
import ssl
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from anliegen.core.memo import memo_scope

from .ingest import BATCH, ingest_message
from .models import Mailbox

logger = logging.getLogger(__name__)


@dataclass
class FetchResult:
    fetched: int = 0
    error: str = ""


def tls_context() -> ssl.SSLContext:
    """The system's trusted CAs plus IMAP_CA_FILE; certificate and host name always checked."""
    context = ssl.create_default_context()
    if settings.IMAP_CA_FILE:
        context.load_verify_locations(cafile=settings.IMAP_CA_FILE)
    return context


def _connect(mailbox: Mailbox) -> imaplib.IMAP4:
    if mailbox.imap_tls:
        return imaplib.IMAP4_SSL(
            mailbox.imap_host, mailbox.imap_port, ssl_context=tls_context(), timeout=60
        )
    return imaplib.IMAP4(mailbox.imap_host, mailbox.imap_port, timeout=60)


def _describe(error: Exception, mailbox: Mailbox) -> str:
    if isinstance(error, ssl.SSLCertVerificationError):
        return _(
            "TLS-Zertifikat von %(server)s nicht vertrauenswürdig (%(reason)s). Nichts abgeholt; "
            "vertrauen Sie der ausstellenden Stelle mit IMAP_CA_FILE oder korrigieren Sie das "
            "Zertifikat des Servers."
        ) % {
            "server": f"{mailbox.imap_host}:{mailbox.imap_port}",
            "reason": error.verify_message or error.reason or str(error),
        }
    return f"{type(error).__name__}: {error}"


def _uid_validity(client: imaplib.IMAP4) -> int | None:
    _typ, data = client.response("UIDVALIDITY")
    for item in data or []:
        if item:
            return int(item)
    return None


def fetch_mailbox(mailbox: Mailbox, limit: int | None = None) -> FetchResult:
    """Fetch new mails of one mailbox; ``limit`` stops after that many (batches, tests)."""
    result = FetchResult()
    client: imaplib.IMAP4 | None = None
    try:
        client = _connect(mailbox)
        client.login(mailbox.imap_user, mailbox.imap_password)
        typ, _data = client.select(_quote(mailbox.imap_folder), readonly=True)
        if typ != "OK":
            raise imaplib.IMAP4.error(f"cannot select {mailbox.imap_folder}")
        validity = _uid_validity(client)
        if validity != mailbox.uid_validity:
            mailbox.uid_validity, mailbox.last_uid = validity, 0
            mailbox.save(update_fields=["uid_validity", "last_uid"])
        typ, data = client.uid("SEARCH", f"UID {mailbox.last_uid + 1}:*")
        uids = sorted(int(u) for u in (data[0] or b"").split() if int(u) > mailbox.last_uid)
        todo = uids[:limit]
        for start in range(0, len(todo), BATCH):
            # Mailboxes, policies and webhook subscriptions are read once per batch; an
            # admin's change is seen by the next batch.
            with memo_scope():
                for uid in todo[start : start + BATCH]:
                    _fetch_one(client, mailbox, uid, result)
    except (OSError, imaplib.IMAP4.error) as error:
        # Mails not fetched stay on the server and last_uid has not moved past them.
        result.error = _describe(error, mailbox)
        logger.error("mailbox %s: %s", mailbox.address, result.error)
    finally:
        if client is not None:
            with contextlib.suppress(OSError, imaplib.IMAP4.error):
                client.logout()
    Mailbox.objects.filter(pk=mailbox.pk).update(
        last_fetch_at=timezone.now(), last_error=result.error
    )
    return result


def _fetch_one(client: imaplib.IMAP4, mailbox: Mailbox, uid: int, result: FetchResult) -> None:
    _typ, parts = client.uid("FETCH", str(uid), "(BODY.PEEK[])")
    raw = _body(parts)
    if raw is None:
        return
    ingest_message(raw, mailbox)
    Mailbox.objects.filter(pk=mailbox.pk).update(last_uid=uid)
    mailbox.last_uid = uid
    result.fetched += 1


def _body(parts: list[object]) -> bytes | None:
    for part in parts:
        if isinstance(part, tuple) and len(part) == 2 and isinstance(part[1], bytes):
            return part[1]
    return None


def _quote(folder: str) -> str:
    return (
        folder
        if re.fullmatch(r"[A-Za-z0-9._/-]+", folder)
        else '"' + folder.replace('"', r"\"") + '"'
    )


def fetched_mailboxes() -> QuerySet[Mailbox]:
    """The mailboxes fetched over IMAP: active ones with a server."""
    return Mailbox.objects.filter(is_active=True).exclude(imap_host="")


def fetch_all(limit: int | None = None) -> dict[str, FetchResult]:
    results: dict[str, FetchResult] = {}
    for mailbox in fetched_mailboxes():
        results[mailbox.address] = fetch_mailbox(mailbox, limit)
    return results
