"""Bytes → text in the charset a mail declares, read as the superset real clients mean.

Senders declare the narrow standard charset and send the vendor's superset: GB2312 mails hold
GBK/GB18030 characters, ISO-8859-1 and US-ASCII mails hold Windows-1252 (€, „“) or even UTF-8,
Shift-JIS mails hold Microsoft's CP932 extensions, ISO-2022-JP mails hold JIS X 0212/0213
characters. Decoding strictly with the declared label turns one such character into a
fallback that garbles the whole text; the superset decodes it all.
"""

from __future__ import annotations

import codecs

_SUPERSET = {
    **dict.fromkeys(
        ("gb2312", "gb_2312-80", "gbk", "x-gbk", "cp936", "euc-cn", "chinese", "csgb2312",
         "gb18030"), ("gb18030",)
    ),
    **dict.fromkeys(
        ("iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819",
         "windows-1252", "cp1252", "us-ascii", "ascii", "ansi_x3.4-1968", "us", "unknown-8bit",
         "x-unknown", "unknown", "8bit"), ("utf-8", "cp1252", "latin-1")
    ),
    **dict.fromkeys(
        ("shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "cp932",
         "csshiftjis"), ("cp932", "shift_jis_2004")
    ),
    **dict.fromkeys(
        ("iso-2022-jp", "csiso2022jp", "iso-2022-jp-2", "iso-2022-jp-1", "iso-2022-jp-3"),
        ("iso2022_jp_2", "iso2022_jp_ext", "iso2022_jp_2004", "iso2022_jp_3"),
    ),
    **dict.fromkeys(("euc-jp", "x-euc-jp", "eucjp"), ("euc_jis_2004", "euc_jp")),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "ks_c_5601", "korean", "cp949"), ("cp949",)),
    **dict.fromkeys(("big5", "big5-hkscs", "x-x-big5", "cn-big5"), ("big5hkscs", "cp950")),
    **dict.fromkeys(("tis-620", "iso-8859-11", "windows-874"), ("cp874",)),
    "iso-8859-9": ("cp1254", "iso-8859-9"),
    "iso-8859-8-i": ("iso-8859-8",),
    "cp-850": ("cp850",),
    "utf8": ("utf-8",),
    "unicode-1-1-utf-7": ("utf-7",),
}  # fmt: skip
# Codecs whose bytes look like ASCII but are not: never read them as ASCII (or UTF-8), which
# would "succeed" and show raw escape codes.
_NOT_ASCII_COMPATIBLE = ("iso2022", "utf-7", "utf_7", "utf-16", "utf_16", "utf-32", "utf_32", "hz")
_ISO2022_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b$(D", b"\x1b$(Q")


def normalise_label(label: str | None) -> str:
    """'"UTF-8*de"' → 'utf-8': quotes, an RFC 2231 language and case removed."""
    return (label or "").strip().strip("\"'").split("*")[0].strip().lower()


def candidates(label: str | None) -> tuple[str, ...]:
    name = normalise_label(label)
    known = _SUPERSET.get(name)
    if known:
        return known
    try:
        codec = codecs.lookup(name).name if name else "utf-8"
    except LookupError:
        return ("utf-8", "cp1252", "latin-1")
    return (codec, "utf-8", "cp1252", "latin-1")


def decode_bytes(data: bytes, label: str | None) -> str:
    """The text of ``data``: the declared charset's superset first, never an exception."""
    ascii_only = data.isascii()
    if ascii_only and any(escape in data for escape in _ISO2022_ESCAPES):
        label = "iso-2022-jp"  # Japanese mails often declare nothing or us-ascii
    tried = candidates(label)
    if ascii_only and not tried[0].startswith(_NOT_ASCII_COMPATIBLE):
        return data.decode("ascii")
    for codec in tried:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    if tried[0].startswith("iso2022_jp"):
        return _windows_iso2022jp(data)
    return data.decode(tried[0], errors="replace")


def _windows_iso2022jp(data: bytes) -> str:
    """ISO-2022-JP as Windows writes it (CP50220/50221, which Python lacks): JIS X 0208 pairs
    holding NEC and IBM extensions (①, ㈱ …) and half-width katakana, read through CP932."""
    out = bytearray()
    mode = "ascii"
    index = 0
    while index < len(data):
        if data[index] == 0x1B and index + 2 < len(data):
            sequence = data[index + 1 : index + 3]
            mode = {b"$B": "kanji", b"$@": "kanji", b"(I": "kana"}.get(sequence, "ascii")
            index += 3
            continue
        byte = data[index]
        if mode == "kanji" and 0x21 <= byte <= 0x7E and index + 1 < len(data):
            out.extend(_jis_to_sjis(byte, data[index + 1]))
            index += 2
            continue
        out.append(byte + 0x80 if mode == "kana" and 0x21 <= byte <= 0x5F else byte)
        index += 1
    return out.decode("cp932", errors="replace")


def _jis_to_sjis(first: int, second: int) -> bytes:
    lead = ((first - 0x21) >> 1) + 0x81
    if lead > 0x9F:
        lead += 0x40
    trail = second + (0x1F + (second >= 0x60) if first & 1 else 0x7E)
    return bytes([lead, trail & 0xFF])
