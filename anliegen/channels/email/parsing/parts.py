"""Walking the MIME tree: body parts, attachments, signed and forwarded mails, TNEF, invites."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from typing import cast

from .calendar import describe_invite
from .charsets import decode_bytes
from .headers import decode_words, from_8bit, raw_value, split_header, text_header
from .model import ParsedAttachment
from .tnef import unpack_tnef

_SIGNATURE_TYPES = {
    "application/pgp-signature",
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
}
_TNEF_TYPES = {"application/ms-tnef", "application/vnd.ms-tnef"}
# A boundary line followed by a part header: how a container really separates its parts.
_BOUNDARY_LINE = re.compile(rb"^--([ -~]{1,70}?)[ \t]*\r?\n(?=[Cc]ontent-)", re.M)


@dataclass
class Collected:
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[ParsedAttachment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    signed: bool = False


def decode_text(part: Message) -> str:
    """The part's text in any declared (or mis-declared) charset, never an exception."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    return decode_bytes(payload, part.get_content_charset())


def filename_of(part: Message) -> str:
    """The attachment's name, readable however the client wrote it: RFC 2231 (with or without
    continuations and a wrong charset), RFC 2047 words inside quotes, raw UTF-8 or Latin-1."""
    for header, param in (("Content-Disposition", "filename"), ("Content-Type", "name")):
        value = raw_value(part, header)
        if value:
            name = _param(value, param)
            if name:
                return name
    return ""


def _param(value: str, param: str) -> str:
    holder = Message()  # compat32 parameter parsing: RFC 2231 continuations, no decoding
    holder["X"] = from_8bit(value)
    found = holder.get_param(param, header="x")
    if isinstance(found, tuple):  # RFC 2231: (charset, language, %-decoded as Latin-1)
        charset, _language, text = found
        data = str(text).encode("latin-1", "replace")
        return decode_bytes(data, charset or "utf-8").strip()
    return decode_words(str(found or "")).strip()


def collect(part: Message, found: Collected) -> None:
    content_type = part.get_content_type()
    disposition = (part.get_content_disposition() or "").lower()
    if not part.is_multipart() and (
        content_type.startswith(("multipart/", "message/")) or _split_by_own_boundary(part)
    ):
        _collect_unparsed(part, found)
        return
    if content_type == "multipart/signed":
        found.signed = True
    if content_type == "multipart/alternative":
        _collect_alternative(part, found)
        return
    if part.is_multipart() and content_type != "message/rfc822":
        for child in cast(list[Message], part.get_payload()):
            collect(child, found)
        return
    if content_type in _SIGNATURE_TYPES:
        return
    if content_type == "message/rfc822":
        _collect_forwarded(part, found)
        return
    if content_type in _TNEF_TYPES or filename_of(part).lower() == "winmail.dat":
        _collect_tnef(part, found)
        return
    if content_type == "text/calendar":
        found.notes.append(describe_invite(decode_text(part)))
        if disposition != "attachment":
            return
    name = filename_of(part)
    if content_type in {"text/plain", "text/html"} and disposition != "attachment" and not name:
        text = decode_text(part)
        (found.plain if content_type == "text/plain" else found.html).append(text)
        if content_type == "text/plain":
            found.html.append("")  # keeps plain and HTML bodies in step for mixed mails
        return
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes) and payload:
        found.attachments.append(
            ParsedAttachment(
                filename=name or _default_name(content_type),
                content=payload,
                content_type=content_type,
                inline=disposition == "inline" or bool(part.get("Content-ID")),
            )
        )


def _split_by_own_boundary(part: Message) -> bool:
    """A leaf declared text/html or text/plain that carries a boundary parameter and really
    is split by it (a mailer that got the type wrong): else its MIME lines become the text."""
    boundary = part.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        return False
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return False
    found = _BOUNDARY_LINE.search(payload)
    return found is not None and found.group(1).decode("ascii", "replace") == boundary


def _collect_alternative(part: Message, found: Collected) -> None:
    children = cast(list[Message], part.get_payload())
    plain = [c for c in children if c.get_content_type() == "text/plain"]
    html = [c for c in children if c.get_content_type() == "text/html"]
    if plain:
        found.plain.append(decode_text(plain[0]))
    if html:
        found.html.append(decode_text(html[0]))
    elif plain:
        found.html.append("")
    for child in children:
        if child.is_multipart():  # multipart/related holding the HTML and its images
            sub = Collected()
            collect(child, sub)
            if not plain:
                found.plain.extend(sub.plain)
            if not html:
                found.html.extend(h for h in sub.html if h)
            found.attachments.extend(sub.attachments)
            found.notes.extend(sub.notes)
        elif child.get_content_type() == "text/calendar":
            found.notes.append(describe_invite(decode_text(child)))


def _collect_unparsed(part: Message, found: Collected) -> None:
    """A container the parser could not split (boundary missing, misspelt or never closed):
    split it at the boundary its lines really use, else keep its raw text as the body."""
    payload = part.get_payload(decode=True)  # the raw bytes: 8-bit text stays intact
    data = payload if isinstance(payload, bytes) else b""
    boundary = _BOUNDARY_LINE.search(data)
    if boundary is not None:
        mark = boundary.group(1).decode("ascii", "replace")
        rebuilt = f'Content-Type: multipart/mixed; boundary="{mark}"\n\n'.encode() + data + b"\n"
        reparsed = BytesParser(policy=policy.default).parsebytes(rebuilt)
        children = reparsed.get_payload() if reparsed.is_multipart() else None
        if isinstance(children, list) and children:
            for child in cast(list[Message], children):
                collect(child, found)
            return
    if data.strip():
        _header, rest = split_header(data) if _looks_like_headers(data) else (b"", data)
        found.plain.append(decode_bytes(rest or data, part.get_content_charset()))
        found.html.append("")


def _looks_like_headers(data: bytes) -> bool:
    return bool(re.match(rb"(?:[!-9;-~]+:[^\n]*\r?\n)+\r?\n", data))


def _collect_forwarded(part: Message, found: Collected) -> None:
    inner = part.get_payload()
    if isinstance(inner, list):
        inner = inner[0]
    if not isinstance(inner, Message):
        return
    sub = Collected()
    collect(inner, sub)
    from .html import to_text

    body = "\n".join(p for p in sub.plain if p.strip()) or "\n".join(
        to_text(h) for h in sub.html if h
    )
    header = (
        f"---------- Weitergeleitete Nachricht ----------\n"
        f"Von: {text_header(inner, 'From')}\nDatum: {text_header(inner, 'Date')}\n"
        f"Betreff: {text_header(inner, 'Subject')}\n"
    )
    found.plain.append(f"{header}\n{body.strip()}")
    found.html.append("")
    found.attachments.extend(sub.attachments)
    found.notes.extend(sub.notes)


def _collect_tnef(part: Message, found: Collected) -> None:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return
    body, attachments = unpack_tnef(payload)
    if body.strip():
        found.plain.append(body)
        found.html.append("")
    found.attachments.extend(attachments)


def _default_name(content_type: str) -> str:
    return "anhang." + re.sub(r"[^a-z0-9]", "", content_type.split("/")[-1])[:10]


def as_email_message(message: Message) -> EmailMessage:
    return cast(EmailMessage, message)
