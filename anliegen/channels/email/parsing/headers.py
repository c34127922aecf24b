"""Header values as real clients write them: 8-bit bytes, broken encoded words, unfolded lines.

The stdlib decodes strictly (one character outside GB2312 garbles a subject; Latin-1 bytes in
a file name become U+FFFD) and stops reading headers at the first line that is neither a
header nor a continuation. These helpers read the raw values the parser keeps instead.
"""

from __future__ import annotations

import base64
import binascii
import re
from email.message import Message
from email.utils import getaddresses, parseaddr

from .charsets import decode_bytes

_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?]*?)\?=")
_BETWEEN_WORDS = re.compile(r"\s+")
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")
_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")


def split_header(raw: bytes) -> tuple[bytes, bytes]:
    """Header block and body (without the blank line); a mail without one is all header."""
    found = _BLANK_LINE.search(raw)
    if found is None:
        return raw, b""
    return raw[: found.start()], raw[found.end() :]


def repair_header_block(raw: bytes) -> bytes:
    """The mail with its top-level header block made readable for the stdlib parser.

    A line that is neither a header nor a continuation but is followed by further headers is
    a continuation its client forgot to indent (else From and Subject after it are lost);
    8-bit lines that are not UTF-8 are re-encoded from Windows-1252 (the parser reads 8-bit
    headers as UTF-8 and replaces everything else).
    """
    block, _ = split_header(raw)
    lines = block.split(b"\n")
    last_header = max((i for i, line in enumerate(lines) if _HEADER_LINE.match(line)), default=-1)
    changed = False
    for index, line in enumerate(lines):
        stray = line.strip() and line[:1] not in (b" ", b"\t") and not _HEADER_LINE.match(line)
        if stray and 0 < index < last_header:
            lines[index] = line = b" " + line
            changed = True
        if not line.isascii():
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                lines[index] = line.decode("cp1252", "replace").encode("utf-8")
                changed = True
    if not changed:
        return raw
    return b"\n".join(lines) + raw[len(block) :]


def raw_value(message: Message, name: str) -> str | None:
    """The first header ``name`` as received (unfolded), before any decoding."""
    wanted = name.lower()
    for key, value in message.raw_items():
        if key.lower() == wanted:
            return re.sub(r"\r?\n", "", str(value))
    return None


def from_8bit(value: str) -> str:
    """Undo the parser's surrogate escapes: 8-bit header bytes as UTF-8, else Windows-1252."""
    if value.isascii() or not re.search("[\udc80-\udcff]", value):
        return value
    data = value.encode("utf-8", "surrogateescape")
    return decode_bytes(data, "utf-8")


def _word_bytes(encoding: str, text: str) -> bytes:
    if encoding.lower() == "b":
        cleaned = re.sub(r"[^A-Za-z0-9+/]", "", text)
        try:
            return base64.b64decode(cleaned + "=" * (-len(cleaned) % 4))
        except (binascii.Error, ValueError):
            return text.encode("ascii", "replace")
    data = text.replace("_", " ").encode("ascii", "replace")
    return re.sub(rb"=([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), data)


def decode_words(value: str) -> str:
    """RFC 2047 encoded words decoded leniently; adjacent words of one charset are joined
    as bytes first, since clients split multi-byte characters across words."""
    value = from_8bit(value)
    if "=?" not in value:
        return value
    out: list[str] = []
    pending: tuple[str, bytearray] | None = None
    position = 0
    for match in _ENCODED_WORD.finditer(value):
        between = value[position : match.start()]
        if between and (pending is None or not _BETWEEN_WORDS.fullmatch(between)):
            if pending is not None:
                out.append(decode_bytes(bytes(pending[1]), pending[0]))
                pending = None
            out.append(between)
        charset, encoding, text = match.groups()
        data = _word_bytes(encoding, text)
        if pending is not None and pending[0] == charset.lower():
            pending[1].extend(data)
        else:
            if pending is not None:
                out.append(decode_bytes(bytes(pending[1]), pending[0]))
            pending = (charset.lower(), bytearray(data))
        position = match.end()
    if pending is not None:
        out.append(decode_bytes(bytes(pending[1]), pending[0]))
    out.append(value[position:])
    return "".join(out)


def text_header(message: Message, name: str) -> str:
    """An unstructured header (Subject …) as one readable line."""
    value = raw_value(message, name)
    return re.sub(r"\s+", " ", decode_words(value)).strip() if value else ""


def sender(message: Message) -> tuple[str, str]:
    """(display name, bare lower-case address) of From, however it is written."""
    value = raw_value(message, "From") or raw_value(message, "Sender") or ""
    value = from_8bit(value)
    name, address = parseaddr(value)
    if "@" not in address:
        found = _ADDRESS.findall(value)
        address = found[-1] if found else ""
        name = value.split("<")[0] if "<" in value else ""
    name = re.sub(r"\s+", " ", decode_words(name)).strip().strip("\"'").strip()
    if name.lower() == address.lower():
        name = ""
    return name, address.lower()


def addresses(message: Message, *names: str) -> list[str]:
    """Bare lower-case addresses of the headers ``names`` (To, Cc …)."""
    values: list[str] = []
    for key, value in message.raw_items():
        if key.lower() in {n.lower() for n in names}:
            values.append(from_8bit(re.sub(r"\r?\n", "", str(value))))
    return [addr.lower() for _, addr in getaddresses(values) if "@" in addr]
