"""Text from outside, made safe once: the actions normalise every text they store, public
outputs drop what XML cannot carry (pages: anliegen/core/display.py).

Pure functions, no Django: portal, e-mail, API and Open311 input all pass through the same
action, so this runs once per write, never per interface.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make a text
# display in another order than it is stored ("Trojan Source"); the marks U+200E/U+200F that
# real right-to-left text needs stay.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# C0 controls but tab and newline, DEL, C1 controls; U+FFFE/U+FFFF are no characters at all;
# lone surrogates cannot be encoded (they only arrive through JSON "\ud800" escapes).
_DROP = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}\ufffe\uffff\ud800-\udfff]")
# Line and paragraph separators of Unicode and NEL count as line breaks.
_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
# In a single-line value (a name, a subject, an address) every break or tab is a space.
_LINE_SPACE = re.compile("[\t\n\x0b\x0c]+")
# XML 1.0 (https://www.w3.org/TR/xml/#charsets): tab, newline, carriage return and the planes
# above U+001F, without surrogates and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def normalise_text(value: str) -> str:
    """A multi-line text as it is stored: NFC, line breaks as ``\\n``, tabs kept, every other
    control character and every bidi override removed. Leading and trailing space stays (the
    caller decides about ``strip``)."""
    value = _BREAKS.sub("\n", value)
    value = _DROP.sub("", value)
    return unicodedata.normalize("NFC", value)


def normalise_line(value: str) -> str:
    """A single-line value (name, subject, phone, address, tag): like :func:`normalise_text`,
    and breaks and tabs become single spaces; stripped."""
    value = _LINE_SPACE.sub(" ", normalise_text(value))
    return value.strip()


def normalise_data(value: Any) -> Any:
    """Every string in a JSON-like value (form answers): values like texts (a text area keeps
    its breaks), keys as single lines."""
    if isinstance(value, str):
        return normalise_text(value).strip()
    if isinstance(value, dict):
        return {normalise_line(str(k)): normalise_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalise_data(v) for v in value]
    return value


def has_control_characters(value: str) -> bool:
    """True if ``value`` holds anything the normaliser would remove or turn into a space
    (used where a value must be refused instead, e.g. an e-mail address)."""
    return bool(_DROP.search(value) or _BREAKS.search(value) or "\t" in value or "\n" in value)


def xml_safe(value: str) -> str:
    """``value`` without the characters XML 1.0 cannot carry (one of them makes a whole
    document unreadable to any parser)."""
    return _NOT_XML.sub("", value)
