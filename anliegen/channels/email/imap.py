"""Fetching a mailbox over IMAP by UID, so that a restart neither skips nor doubles a mail.

Each mail is ingested (committed) before the mailbox's last UID moves past it. A crash between
the two re-fetches that one mail next time, and ingest_message's Message-ID check makes the
second delivery a no-op. A changed UIDVALIDITY (folder re-created) starts again from UID 1;
again the Message-ID check keeps mails already taken from doubling.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import ssl
from dataclasses import dataclass

from django.utils import timezone

from .ingest import ingest_message
from .models import Mailbox

BATCH = 50


@dataclass
class FetchResult:
    fetched: int = 0
    error: str = ""


def _connect(mailbox: Mailbox) -> imaplib.IMAP4:
    if mailbox.imap_tls:
        return imaplib.IMAP4_SSL(
            mailbox.imap_host, mailbox.imap_port, ssl_context=ssl.create_default_context(),
            timeout=60,
        )  # fmt: skip
    return imaplib.IMAP4(mailbox.imap_host, mailbox.imap_port, timeout=60)


def _uid_validity(client: imaplib.IMAP4) -> int | None:
    _typ, data = client.response("UIDVALIDITY")
    for item in data or []:
        if item:
            return int(item)
    return None


def fetch_mailbox(mailbox: Mailbox, limit: int | None = None) -> FetchResult:
    """Fetch new mails of one mailbox; ``limit`` stops after that many (batches, tests)."""
    result = FetchResult()
    client = _connect(mailbox)
    try:
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
        for uid in uids[:limit]:
            typ, parts = client.uid("FETCH", str(uid), "(BODY.PEEK[])")
            raw = _body(parts)
            if raw is None:
                continue
            ingest_message(raw, mailbox)
            Mailbox.objects.filter(pk=mailbox.pk).update(last_uid=uid)
            mailbox.last_uid = uid
            result.fetched += 1
    except (OSError, imaplib.IMAP4.error) as error:
        result.error = f"{type(error).__name__}: {error}"
    finally:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            client.logout()
    Mailbox.objects.filter(pk=mailbox.pk).update(
        last_fetch_at=timezone.now(), last_error=result.error
    )
    return result


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


def fetch_all(limit: int | None = None) -> dict[str, int]:
    counts: dict[str, int] = {}
    for mailbox in Mailbox.objects.filter(is_active=True).exclude(imap_host=""):
        counts[mailbox.address] = fetch_mailbox(mailbox, limit).fetched
    return counts
