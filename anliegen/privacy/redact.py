"""Removing personal data from free text: e-mail addresses, phone numbers and known names.

Pure functions (no Django), used by anonymisation and by the data-subject export tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

REDACTED = "[entfernt]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Six or more digits with the usual separators: German numbers like "0261 129-4711",
# "+49 (261) 1294711". Dates ("24.11.2026") have too few digits per run to match.
_PHONE = re.compile(r"(?<![\w])(?:\+|00)?\d(?:[\d /().-]{4,}\d)(?![\w])")
_MIN_PHONE_DIGITS = 6


def _phone(match: re.Match[str]) -> str:
    digits = sum(ch.isdigit() for ch in match.group())
    return REDACTED if digits >= _MIN_PHONE_DIGITS else match.group()


def name_parts(names: Iterable[str]) -> list[str]:
    """The words of people's names worth redacting (two letters or more), longest first."""
    parts = {w for name in names for w in re.split(r"[\s,;]+", name) if len(w.strip(".")) >= 2}
    return sorted((p.strip(".") for p in parts), key=len, reverse=True)


def redact(text: str, names: Iterable[str] = ()) -> str:
    """``text`` with e-mail addresses, phone numbers and the given names replaced."""
    if not text:
        return text
    result = _EMAIL.sub(REDACTED, text)
    result = _PHONE.sub(_phone, result)
    for part in name_parts(names):
        result = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", REDACTED, result, flags=re.IGNORECASE)
    return result


def redact_data(value: Any, names: Iterable[str] = ()) -> Any:
    """Every string inside a JSON-like value redacted."""
    names = list(names)
    if isinstance(value, str):
        return redact(value, names)
    if isinstance(value, list):
        return [redact_data(v, names) for v in value]
    if isinstance(value, dict):
        return {k: redact_data(v, names) for k, v in value.items()}
    return value
