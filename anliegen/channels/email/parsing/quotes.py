"""Folding away quoted history: what the sender wrote now, and what they quoted.

A reply's history is folded (it is our own earlier mail); a forward's is not: what a citizen
forwards (a neighbour's complaint, a letter of the utility) is their concern itself. The
markers are those of the clients citizens use, German and English: Outlook (separator line or
a "Von:/Gesendet:" block), Thunderbird and Apple Mail ("Am … schrieb …:", forward headers),
GMX/Web.de ("----- Original Nachricht ----", a "Gesendet:/Von:" block), Gmail ("On … wrote:",
"---------- Forwarded message ---------"). Outlook and GMX use one separator for replies and
forwards alike, so the subject's prefix (WG:, Fwd: …) decides there.
"""

from __future__ import annotations

import re

_SEPARATOR = re.compile(
    r"^-{2,}\s*(Ursprüngliche Nachricht|Original Message|Original-?\s?Nachricht"
    r"|Originalnachricht|Message d'origine)\s*-{2,}\s*$",
    re.I,
)
_ATTRIBUTION = re.compile(
    r"^(Am|On|Le|El|Il)\s.{4,250}?(schrieb|wrote|a écrit|escribió|ha scritto)\b.{0,200}:\s*$",
    re.I,
)
_ATTRIBUTION_START = re.compile(r"^(Am|On)\s.*\d", re.I)
_UNDERSCORES = re.compile(r"^_{20,}\s*$")
# An Outlook/GMX header block: its first line and, within the next lines, a second field.
_BLOCK_FIRST = re.compile(r"^\*?(Von|From|Gesendet|Sent|Datum|Date)\s?:\*?\s+\S", re.I)
_BLOCK_NEXT = re.compile(
    r"^\*?(Von|From|Gesendet|Sent|An|To|Datum|Date|Betreff|Subject|Cc)\s?:\*?(\s|$)", re.I
)
_MOBILE = re.compile(
    r"^(Gesendet von meinem \S+|Sent from my \S+|Von meinem \S+ gesendet"
    r"|Gesendet mit der (GMX|WEB\.DE) Mail App)",
    re.I,
)
_FORWARD = re.compile(
    r"^(-{2,}\s*(Forwarded message|Weitergeleitete Nachricht|Original-Nachricht weitergeleitet"
    r"|Message transféré)\s*-{0,}"
    r"|Begin forwarded message:|Anfang der weitergeleiteten Nachricht:"
    r"|-{2,}\s*Weitergeleitet\s*-{2,})",
    re.I,
)
_FORWARD_SUBJECT = re.compile(
    r"^\s*((re|aw|antw)\s*:\s*)*(wg|fwd?|wtr|wtrlt|tr|weiterleitung|i)\s*:", re.I
)


def is_forward_subject(subject: str) -> bool:
    return bool(_FORWARD_SUBJECT.match(subject or ""))


def split_quoted(text: str, subject: str = "") -> tuple[str, str]:
    """Return (new text, quoted history). A forward keeps its forwarded part as new text."""
    lines = text.splitlines()
    forwarded = is_forward_subject(subject)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _FORWARD.match(stripped):
            return text.strip(), ""
        if not _history_starts(lines, index):
            continue
        if _MOBILE.match(stripped):
            if any(_FORWARD.match(rest.strip()) for rest in lines[index + 1 :]):
                return text.strip(), ""  # "Sent from my iPhone" above a forwarded mail
        elif forwarded:
            return text.strip(), ""
        new = "\n".join(lines[:index]).strip()
        if not new:
            break  # only history (e.g. bottom-posting without own text): keep it all
        return new, "\n".join(lines[index:]).strip()
    return text.strip(), ""


def _history_starts(lines: list[str], index: int) -> bool:
    stripped = lines[index].strip()
    if _SEPARATOR.match(stripped) or _ATTRIBUTION.match(stripped) or _MOBILE.match(stripped):
        return True
    if _ATTRIBUTION_START.match(stripped) and index + 1 < len(lines):
        # Attribution lines wrapped by the client: "Am 1.12.2026 um 10:15 schrieb Name\n<a@b>:"
        joined = stripped + " " + lines[index + 1].strip()
        if _ATTRIBUTION.match(joined) and not _ATTRIBUTION.match(lines[index + 1].strip()):
            return True
    if _UNDERSCORES.match(stripped):
        return any(_BLOCK_FIRST.match(line.strip()) for line in lines[index + 1 : index + 3])
    if _BLOCK_FIRST.match(stripped):
        following = [line.strip() for line in lines[index + 1 : index + 5]]
        return sum(bool(_BLOCK_NEXT.match(line)) for line in following) >= 2
    return _quote_block(lines, index)


def _quote_block(lines: list[str], index: int) -> bool:
    """A run of '>' lines that reaches the end of the mail (interleaved answers stay)."""
    if not lines[index].startswith(">"):
        return False
    rest = [line for line in lines[index:] if line.strip()]
    return all(line.startswith(">") or _is_signature(line) for line in rest)


def _is_signature(line: str) -> bool:
    return line.strip() in {"--", "-- "}
