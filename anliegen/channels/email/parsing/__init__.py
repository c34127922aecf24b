"""Raw bytes → ParsedMail, with the stdlib email package (policy.default)."""

from __future__ import annotations

import re
from email import policy
from email.message import Message
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

from . import html as html_tools
from .model import ParsedAttachment, ParsedMail
from .parts import Collected, collect
from .quotes import split_quoted

__all__ = ["ParsedAttachment", "ParsedMail", "parse_headers", "parse_mail"]

_PGP_ARMOUR = re.compile(
    r"-----BEGIN PGP SIGNED MESSAGE-----\s*\n(?:Hash:[^\n]*\n)?\s*\n?(.*?)"
    r"\n-----BEGIN PGP SIGNATURE-----.*?-----END PGP SIGNATURE-----",
    re.S,
)


def parse_headers(raw: bytes) -> Message:
    return BytesParser(policy=policy.default).parsebytes(raw)


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # a header too broken to decode still must not stop the mail
        value = message.get_all(name, [""])[0] if hasattr(message, "get_all") else ""
    return re.sub(r"\s+", " ", str(value or "")).strip()


def message_ids(value: str) -> list[str]:
    return re.findall(r"<[^<>\s]+>", value)


def _addresses(message: Message, *names: str) -> list[str]:
    values: list[str] = []
    for name in names:
        values.extend(str(v) for v in message.get_all(name, []) or [])
    return [addr.lower() for _, addr in getaddresses(values) if "@" in addr]


def parse_mail(raw: bytes) -> ParsedMail:
    """Parse a raw mail. Raises on mails too broken to read (the caller quarantines them)."""
    message = parse_headers(raw)
    found = Collected()
    collect(message, found)
    plain = "\n\n".join(p.strip("\n") for p in found.plain if p.strip())
    html_raw = "\n".join(h for h in found.html if h)
    text = plain or html_tools.to_text(html_raw)
    signed = found.signed
    armour = _PGP_ARMOUR.search(text)
    if armour:
        signed = True
        text = text[: armour.start()] + armour.group(1).strip() + text[armour.end() :]
    text = text.replace("\r\n", "\n").strip()
    new_text, quoted = split_quoted(text)
    if found.notes:
        new_text = "\n".join([new_text, "", *found.notes]).strip()
    sender_name, sender = parseaddr(_header(message, "From"))
    return ParsedMail(
        message_id=(message_ids(_header(message, "Message-ID")) or [""])[0],
        subject=_header(message, "Subject"),
        sender=sender.lower(),
        sender_name=sender_name,
        recipients=_addresses(message, "To", "Cc", "Delivered-To", "X-Original-To"),
        in_reply_to=message_ids(_header(message, "In-Reply-To")),
        references=message_ids(_header(message, "References")),
        text=text,
        new_text=new_text,
        quoted_text=quoted,
        html=html_tools.sanitise(html_raw) if html_raw else "",
        attachments=found.attachments,
        notes=found.notes,
        is_signed=signed,
    )
