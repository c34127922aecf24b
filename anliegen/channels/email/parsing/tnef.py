"""Outlook's winmail.dat (TNEF): its body and the files packed inside."""

from __future__ import annotations

from tnefparse.tnef import TNEF

from .model import ParsedAttachment


def unpack_tnef(data: bytes) -> tuple[str, list[ParsedAttachment]]:
    """The text body and attachments inside a TNEF blob; raises ValueError if unreadable."""
    try:
        tnef = TNEF(data)
    except Exception as error:  # tnefparse raises bare ValueErrors and struct errors
        raise ValueError(f"TNEF: {error}") from error
    body = ""
    raw_body = getattr(tnef, "body", None)
    if isinstance(raw_body, bytes):
        body = raw_body.decode("cp1252", errors="replace")
    elif isinstance(raw_body, str):
        body = raw_body
    if not body.strip():
        html = getattr(tnef, "htmlbody", None)
        if html:
            from .html import to_text

            raw_html = html.decode("cp1252", "replace") if isinstance(html, bytes) else str(html)
            body = to_text(raw_html)
    attachments = [
        ParsedAttachment(
            filename=str(att.long_filename() or att.name or "anhang"),
            content=bytes(att.data),
            content_type="application/octet-stream",
        )
        for att in tnef.attachments
        if att.data
    ]
    return body.rstrip("\x00"), attachments
