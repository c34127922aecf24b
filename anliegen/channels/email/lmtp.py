"""A local LMTP (or SMTP) receiver for mail servers that deliver straight to the helpdesk.

Postfix or Exim hand each mail over LMTP; every mail goes through ingest_message. A mail is
acknowledged only after its raw bytes are committed, so the mail server keeps (and retries)
anything the helpdesk did not take.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP, Envelope, Session
from django.db import close_old_connections

from anliegen.core.memo import memo_scope

from .ingest import ingest_message
from .models import Mailbox

logger = logging.getLogger(__name__)
MAX_SIZE = 40 * 1024 * 1024


def _ingest(raw: bytes, recipients: list[str]) -> str:
    close_old_connections()
    try:
        bare = [r.lower() for r in recipients]
        plain = [r.split("+")[0] + "@" + r.partition("@")[2] if "+" in r else r for r in bare]
        mailbox = Mailbox.objects.filter(address__in=plain).first()
        with memo_scope():  # one delivery: its lookups (mailboxes, policies) once
            inbound = ingest_message(raw, mailbox, envelope=bare)
        return str(inbound.state)
    finally:
        close_old_connections()


class IngestHandler:
    async def handle_DATA(  # noqa: N802 - the hook name aiosmtpd calls
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        raw = envelope.original_content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        recipients = [str(r) for r in envelope.rcpt_tos]
        loop = asyncio.get_running_loop()
        try:
            # The ORM is synchronous: run it in a worker thread, never in the event loop.
            await loop.run_in_executor(None, _ingest, raw, recipients)
        except Exception:
            logger.exception("LMTP ingest failed")
            return "451 4.3.0 Temporary failure, please retry"
        if isinstance(server, LMTP):
            # LMTP answers once per recipient; one stored mail serves them all.
            return "\r\n".join(["250 2.0.0 OK"] * len(recipients))
        return "250 2.0.0 OK"


class LMTPController(Controller):
    def __init__(self, host: str, port: int, *, lmtp: bool = True) -> None:
        self._lmtp = lmtp
        super().__init__(IngestHandler(), hostname=host, port=port, data_size_limit=MAX_SIZE)

    def factory(self) -> Any:
        cls = LMTP if self._lmtp else SMTP
        return cls(self.handler, data_size_limit=MAX_SIZE, decode_data=False)


def start(host: str, port: int, *, lmtp: bool = True) -> LMTPController:
    controller = LMTPController(host, port, lmtp=lmtp)
    controller.start()
    return controller
