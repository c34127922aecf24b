"""Aktenzeichen as citizens type them: normalised for comparison, matched against the formats
of the specialist systems to find the owning office, and spotted in free text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import ReferenceFormat

MAX_REFERENCE = 200
# A citizen's free text is searched only this far (admin-written patterns, long texts).
MAX_TEXT_SCAN = 2000


def reference_key(value: str) -> str:
    """Upper case, no white space: "63 - 2026 - 0123" and "63-2026-0123" are the same number."""
    return re.sub(r"\s+", "", value).upper()[:MAX_REFERENCE]


def _compiled(fmt: ReferenceFormat) -> re.Pattern[str] | None:
    try:
        return re.compile(fmt.pattern, re.IGNORECASE)
    except re.error:  # validated on save; an older row must not break the portal
        return None


def active_formats() -> list[ReferenceFormat]:
    return list(ReferenceFormat.objects.filter(is_active=True).select_related("org_unit"))


def format_for(
    reference: str, formats: list[ReferenceFormat] | None = None
) -> ReferenceFormat | None:
    """The first active format whose pattern matches the whole (normalised) Aktenzeichen."""
    key = reference_key(reference)
    for fmt in active_formats() if formats is None else formats:
        pattern = _compiled(fmt)
        if pattern is not None and (pattern.fullmatch(key) or pattern.fullmatch(reference.strip())):
            return fmt
    return None


@dataclass(frozen=True)
class Found:
    reference: str
    format: ReferenceFormat


def find_in_text(text: str, formats: list[ReferenceFormat] | None = None) -> Found | None:
    """An Aktenzeichen of a known format in a citizen's text ("… Aktenzeichen 63-2026-0123")."""
    text = text[:MAX_TEXT_SCAN]
    for fmt in active_formats() if formats is None else formats:
        pattern = _compiled(fmt)
        if pattern is None:
            continue
        match = re.search(rf"(?<![\w-])(?:{pattern.pattern})(?![\w-])", text, re.IGNORECASE)
        if match:
            return Found(match.group(0), fmt)
    return None
