"""What the parser makes of a raw mail."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ParsedAttachment:
    filename: str
    content: bytes
    content_type: str  # as declared by the sender; uploads.check_upload decides the real one
    inline: bool = False


@dataclass
class ParsedMail:
    message_id: str
    subject: str
    sender: str  # bare address, lower-case
    sender_name: str
    recipients: list[str]  # To, Cc, Delivered-To, X-Original-To: bare addresses, lower-case
    in_reply_to: list[str]
    references: list[str]
    text: str  # whole text version, quoted history included
    new_text: str  # text without quoted history (what staff read first)
    quoted_text: str  # the folded-away history
    html: str  # sanitised HTML, empty for plain-text mails
    attachments: list[ParsedAttachment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # calendar invites, forwarded headers …
    is_signed: bool = False
