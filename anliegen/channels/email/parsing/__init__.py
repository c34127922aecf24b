"""Raw bytes → ParsedMail, with the stdlib email package (policy.default)."""

from __future__ import annotations

import re
from email import policy
from email.message import Message
from email.parser import BytesParser

from . import html as html_tools
from .headers import addresses, repair_header_block, split_header, text_header
from .headers import sender as header_sender
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
    return BytesParser(policy=policy.default).parsebytes(repair_header_block(raw))


def parse_header_block(raw: bytes) -> Message:
    """The top-level headers only (sender, subject for the stored row), without the body."""
    block, _body = split_header(repair_header_block(raw))
    return BytesParser(policy=policy.default).parsebytes(block + b"\n\n")


def _header(message: Message, name: str) -> str:
    return text_header(message, name)


def message_ids(value: str) -> list[str]:
    return re.findall(r"<[^<>\s]+>", value)


def parse_mail(raw: bytes | Message) -> ParsedMail:
    """Parse a raw (or already parsed) mail. Raises on mails too broken to read (the caller
    quarantines them)."""
    message = parse_headers(raw) if isinstance(raw, bytes) else raw
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
    subject = _header(message, "Subject")
    new_text, quoted = split_quoted(text, subject)
    if found.notes:
        new_text = "\n".join([new_text, "", *found.notes]).strip()
    sender_name, sender_address = header_sender(message)
    return ParsedMail(
        message_id=(message_ids(_header(message, "Message-ID")) or [""])[0],
        subject=subject,
        sender=sender_address,
        sender_name=sender_name,
        recipients=addresses(message, "To", "Cc", "Delivered-To", "X-Original-To"),
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
