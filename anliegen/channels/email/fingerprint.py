"""Which stored mail a delivery is: its Message-ID and a hash of what its sender wrote.

A Message-ID alone is not unique in the wild (broken clients, ticket systems and list servers
reuse them), so one mail is one (Message-ID, content hash) pair. The hash leaves out the
headers that the delivery path adds (Received, Delivered-To, Return-Path, IMAP flags, spam and
virus verdicts), so the same mail fetched over IMAP and delivered over LMTP is one row.
Works on the raw bytes without the email package: it runs for every delivery, duplicates too.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_TRANSPORT = re.compile(
    rb"^(received|return-path|delivered-to|x-original-to|envelope-to|x-envelope-(to|from)"
    rb"|status|x-status|x-uid|x-keywords|x-mozilla-[\w-]+|lines|content-length"
    rb"|x-spam[\w-]*|x-virus[\w-]*|authentication-results|arc-[\w-]+|received-spf"
    rb"|x-ms-exchange-[\w-]+|x-rspamd[\w-]*|dkim-signature|x-google-smtp-source"
    rb"|x-received|x-gm-[\w-]+|x-forwarded-(to|for)):",
    re.I,
)
_MESSAGE_ID = re.compile(rb"<[^<>\s]+>")
_HEADER_END = re.compile(rb"\r?\n\r?\n")


@dataclass(frozen=True)
class Fingerprint:
    message_id: str  # "<local@domain>" as sent, or "" when the mail has none
    content_hash: str  # sha256 hex of the mail without its delivery headers


def split_header(raw: bytes) -> tuple[bytes, bytes]:
    """Header block and body; a mail without a blank line is all header."""
    found = _HEADER_END.search(raw)
    if found is None:
        return raw, b""
    return raw[: found.start()], raw[found.end() :]


def header_lines(block: bytes) -> list[bytes]:
    """Logical header lines: continuation lines (leading blank) joined to their header."""
    lines: list[bytes] = []
    for line in block.replace(b"\r\n", b"\n").split(b"\n"):
        if lines and line[:1] in (b" ", b"\t"):
            lines[-1] += b" " + line.strip()
        elif line.strip():
            lines.append(line.rstrip())
    return lines


def fingerprint(raw: bytes) -> Fingerprint:
    block, body = split_header(raw)
    message_id = ""
    digest = hashlib.sha256()
    for line in header_lines(block):
        if _TRANSPORT.match(line) or line.startswith(b"From "):  # mbox separator line
            continue
        if not message_id and line[:11].lower() == b"message-id:":
            found = _MESSAGE_ID.search(line, 11)
            message_id = found.group(0).decode("ascii", "replace")[:300] if found else ""
        digest.update(line + b"\n")
    digest.update(b"\n")
    digest.update(body.replace(b"\r\n", b"\n").rstrip())
    return Fingerprint(message_id, digest.hexdigest())
