"""A suggestion for the public description of a defect report: the citizen's text without
what identifies a person — e-mail and web addresses, phone numbers, number plates, names
(the contact's own, "Herr/Frau …", "mein Name ist …"), street addresses and postal codes,
greetings and signatures. Staff read and approve it; nothing is published unapproved."""

from __future__ import annotations

import re
from collections.abc import Sequence

GAP = "[…]"
MAX = 500

_NAME = r"[A-ZÄÖÜ][a-zäöüß]+(?:[- ][A-ZÄÖÜ][a-zäöüß]+)?"
_PATTERNS = [
    re.compile(r"\S+@\S+\.[A-Za-z]{2,}"),
    re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE),
    # Phone numbers: six or more digits with the usual separators.
    re.compile(r"(?:\+|\b0)\d(?:[\d /().-]*\d){5,}"),
    re.compile(r"\b\d(?:[\d /.-]*\d){5,}\b"),
    re.compile(r"\b[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} ?\d{1,4}[EH]?\b"),  # number plates
    re.compile(rf"\b(?:Herrn?|Frau|Familie|Fam\.|Dr\.|Prof\.)\s+(?:{_NAME}\s*)+"),
    re.compile(
        rf"\b(?:[Mm]ein Name ist|[Ii]ch heiße|[Ii]ch bin(?= {_NAME} {_NAME}))\s+(?:{_NAME}\s*)+"
    ),
    # Street with house number, postal code with town.
    re.compile(
        r"\b[A-ZÄÖÜ][\wäöüß.-]*(?:straße|strasse|str\.|weg|platz|gasse|allee|ring|ufer|"
        r"damm|pfad|berg|hof)\s+\d+\s?[a-zA-Z]?\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\b\d{{5}}(?:\s+{_NAME})?"),
]
_GREETING = re.compile(
    r"^\s*(?:sehr geehrte|hallo|guten (?:tag|morgen|abend)|liebe|moin|servus)\b[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
_SIGN_OFF = re.compile(
    r"(?:mit )?(?:freundlichen|besten|herzlichen|vielen)? ?(?:grüßen|grüße|gruß|dank)\b.*",
    re.IGNORECASE | re.DOTALL,
)


def _without_names(text: str, names: Sequence[str]) -> str:
    for name in names:
        for part in name.split():
            if len(part) >= 3:
                text = re.sub(rf"\b{re.escape(part)}\b", GAP, text, flags=re.IGNORECASE)
    return text


def suggest(text: str, *, names: Sequence[str] = ()) -> str:
    """The public description staff start from."""
    text = _GREETING.sub("", text)
    sign_off = _SIGN_OFF.search(text)
    if sign_off and sign_off.start() > len(text) // 3:
        text = text[: sign_off.start()]
    text = _without_names(text, names)
    for pattern in _PATTERNS:
        text = pattern.sub(GAP, text)
    text = re.sub(rf"(?:{re.escape(GAP)}[\s,;]*)+", GAP + " ", text)
    text = " ".join(text.split()).strip(" ,;")
    if len(text) > MAX:
        cut = text[:MAX].rsplit(". ", 1)[0]
        text = cut if len(cut) > MAX // 2 else text[: MAX - 1] + "…"
    return text
