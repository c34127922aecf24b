"""Human reference numbers ``YYYY-NNNNNN-C`` with a check letter.

The check letter is a position-weighted digit sum modulo 23: with distinct weights below 23 it
detects every single wrong digit and every swap of two digits, the usual typing errors on the
phone. Letters that look like digits (I, O) are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


# What people type into a search box: "2026-004711-K", "2026-4711", "2026/004711", "2026004711k".
# Year and number need a separator unless the number has its full six or seven digits, so that
# other digit strings (phone numbers, postcodes) stay word searches.
_TYPED_RE = re.compile(r"^\s*(20\d\d)(?:\s*[-/ ]\s*(\d{1,7})|(\d{6,7}))(?:\s*-?\s*([A-Za-z]))?\s*$")


@dataclass(frozen=True)
class TypedReference:
    """A reference number read from a search box: the full form, and whether a check letter
    was typed and, if so, whether it fits."""

    reference: str
    letter_typed: bool
    letter_fits: bool


def read_reference(text: str) -> TypedReference | None:
    """The reference number ``text`` consists of, with or without its check letter, else None."""
    match = _TYPED_RE.match(text)
    if match is None:
        return None
    year, number = int(match[1]), int(match[2] or match[3])
    if number == 0:
        return None
    letter = (match[4] or "").upper()
    full = format_reference(year, number)
    return TypedReference(full, bool(letter), not letter or full.endswith("-" + letter))
