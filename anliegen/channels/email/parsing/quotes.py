"""Folding away quoted history: what the sender wrote now, and what they quoted."""

from __future__ import annotations

import re

# Lines that start the quoted history in the clients citizens use (German and English).
_HISTORY_STARTS = [
    re.compile(
        r"^-{2,}\s*(Ursprüngliche Nachricht|Original Message|Original-Nachricht)\s*-{2,}", re.I
    ),
    re.compile(r"^(Am|On)\s.{4,200}(schrieb|wrote|a écrit)\s*.{0,100}:\s*$", re.I),
    re.compile(r"^_{20,}\s*$"),
    re.compile(r"^(Von|From):\s.+$"),
    re.compile(r"^Gesendet von meinem \S+", re.I),
    re.compile(r"^Sent from my \S+", re.I),
    re.compile(r"^Von meinem \S+ gesendet", re.I),
]  # fmt: skip
_FORWARD_MARKERS = re.compile(
    r"^(-{2,}\s*(Forwarded message|Weitergeleitete Nachricht)\s*-{2,}"
    r"|Begin forwarded message:|Anfang der weitergeleiteten Nachricht:)",
    re.I | re.M,
)


def split_quoted(text: str) -> tuple[str, str]:
    """Return (new text, quoted history). A forward keeps its forwarded part as new text."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _FORWARD_MARKERS.match(stripped):
            return text.strip(), ""
        if any(pattern.match(stripped) for pattern in _HISTORY_STARTS) or _quote_block(
            lines, index
        ):
            new = "\n".join(lines[:index]).strip()
            if not new:
                break  # only history (e.g. bottom-posting without own text): keep it all
            return new, "\n".join(lines[index:]).strip()
    return text.strip(), ""


def _quote_block(lines: list[str], index: int) -> bool:
    """A run of '>' lines that reaches the end of the mail (interleaved answers stay)."""
    if not lines[index].startswith(">"):
        return False
    rest = [line for line in lines[index:] if line.strip()]
    return all(line.startswith(">") or _is_signature(line) for line in rest)


def _is_signature(line: str) -> bool:
    return line.strip() in {"--", "-- "}
