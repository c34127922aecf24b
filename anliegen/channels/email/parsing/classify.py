"""Mails that must not open tickets: auto-replies (RFC 3834) and bounces (RFC 3464 DSN)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message
from typing import cast

_BOUNCE_SENDERS = re.compile(r"^(mailer-daemon|postmaster|mail-daemon)@", re.I)
_AUTO_SUBJECTS = re.compile(
    r"^(automatische antwort|auto(matic)? reply|autoreply|abwesenheitsnotiz|out of office|"
    r"abwesend|urlaub|vacation|réponse automatique)\b",
    re.I,
)


def is_auto_reply(message: Message) -> bool:
    """True for mails a machine sent on its own: never answer them, never open a ticket."""
    auto_submitted = str(message.get("Auto-Submitted", "")).strip().lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if str(message.get("Precedence", "")).strip().lower() in {"bulk", "junk", "list", "auto_reply"}:
        return True
    if message.get("X-Autoreply") or message.get("X-Autorespond"):
        return True
    suppress = str(message.get("X-Auto-Response-Suppress", "")).lower()
    if "all" in suppress or "oof" in suppress:
        return True
    if message.get("List-Id") or message.get("List-Unsubscribe"):
        return True
    return bool(_AUTO_SUBJECTS.match(str(message.get("Subject", "")).strip()))


@dataclass(frozen=True)
class BounceReport:
    recipient: str
    status: str
    diagnostic: str
    original_message_id: str

    @property
    def is_permanent(self) -> bool:
        return self.status.startswith("5") or not self.status


def bounce_report(message: Message) -> BounceReport | None:
    """The failed recipient of a delivery status notification, or None for other mails."""
    report = _find(message, "message/delivery-status")
    sender = str(message.get("From", ""))
    if report is None and not (
        message.get_content_type() == "multipart/report" or _BOUNCE_SENDERS.search(_addr(sender))
    ):
        return None
    fields: dict[str, str] = {}
    blocks = report.get_payload() if report is not None else None
    for block in cast(list[Message], blocks if isinstance(blocks, list) else []):
        for key, value in block.raw_items():
            fields.setdefault(key.lower(), str(value))
    original = _find(message, "message/rfc822") or _find(message, "text/rfc822-headers")
    original_id = ""
    if original is not None:
        inner = original.get_payload()
        if isinstance(inner, list) and inner and isinstance(inner[0], Message):
            original_id = str(inner[0].get("Message-ID", ""))
        elif isinstance(inner, str):
            match = re.search(r"^Message-ID:\s*(<[^>]+>)", inner, re.I | re.M)
            original_id = match.group(1) if match else ""
    recipient = fields.get("final-recipient") or fields.get("original-recipient") or ""
    return BounceReport(
        recipient=recipient.split(";")[-1].strip().lower(),
        status=fields.get("status", "").strip(),
        diagnostic=fields.get("diagnostic-code", "").split(";")[-1].strip()[:1000],
        original_message_id=original_id.strip(),
    )


def _find(message: Message, content_type: str) -> Message | None:
    for part in message.walk():
        if part.get_content_type() == content_type:
            return part
    return None


def _addr(value: str) -> str:
    match = re.search(r"[\w.+-]+@[\w.-]+", value)
    return match.group(0) if match else ""
