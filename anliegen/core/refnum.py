"""Human reference numbers ``YYYY-NNNNNN-C`` with a check letter.

The check letter is a position-weighted digit sum modulo 23: with distinct weights below 23 it
detects every single wrong digit and every swap of two digits, the usual typing errors on the
phone. Letters that look like digits (I, O) are left out.
"""

from __future__ import annotations

import re

CHECK_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXY"  # 23 letters, a prime count
REFERENCE_RE = re.compile(r"\b(20\d\d)-(\d{6,7})-([A-Z])\b")


def check_letter(year: int, number: int) -> str:
    digits = f"{year:04d}{number:06d}"
    total = sum(int(d) * weight for weight, d in enumerate(digits, start=1))
    return CHECK_ALPHABET[total % len(CHECK_ALPHABET)]


def format_reference(year: int, number: int) -> str:
    return f"{year:04d}-{number:06d}-{check_letter(year, number)}"


def parse_reference(text: str) -> str | None:
    """Return the first valid reference number found in ``text`` (e.g. a mail subject)."""
    for match in REFERENCE_RE.finditer(text.upper()):
        year, number, letter = int(match[1]), int(match[2]), match[3]
        if check_letter(year, number) == letter:
            return format_reference(year, number)
    return None
