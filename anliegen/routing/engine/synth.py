"""Synthetic training and calibration texts made from the catalogue.

A catalogue entry is a handful of phrases, while citizens write sentences with typos,
inflected or joined words and e-mail wrapping. The catalogue phrases are recombined and
perturbed in those ways so the classifier sees the variation it will meet.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_KEYBOARD_NEIGHBOURS = "qwertzuiopüasdfghjklöäyxcvbnm"
_UMLAUT_PLAIN = {"ä": "a", "ö": "o", "ü": "u", "ß": "s", "Ä": "A", "Ö": "O", "Ü": "U"}
_TEMPLATES = (
    "{x}",
    "{x}",
    "Ich möchte {x}",
    "Wie kann ich {x}?",
    "Frage zu {x}",
    "{x} – was muss ich tun?",
    "Hallo, es geht um {x}. Danke",
    "Sehr geehrte Damen und Herren,\n\nich habe ein Anliegen: {x}.\n\n"
    "Mit freundlichen Grüßen\nErika Mustermann\nMusterstraße 1",
    "Guten Tag, {x} bitte. Viele Grüße",
    "Hi, need help: {x}",
)


@dataclass(frozen=True)
class Phrase:
    text: str
    key: str
    weight: float


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text.strip()) if len(s) > 3]


def typo(word: str, rng: random.Random) -> str:
    """One keyboard-style slip: drop, double, swap, replace, or write an umlaut plainly."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    op = rng.randrange(5)
    if op == 0:
        return word[:i] + word[i + 1 :]
    if op == 1:
        return word[:i] + word[i] + word[i:]
    if op == 2:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if op == 3:
        return word[:i] + rng.choice(_KEYBOARD_NEIGHBOURS) + word[i + 1 :]
    plain = "".join(_UMLAUT_PLAIN.get(c, c) for c in word)
    return plain if plain != word else word[:i] + word[i + 1 :]


def perturb(text: str, rng: random.Random) -> str:
    """Typos, joined or inflected words, lower case: what a hurried citizen types."""
    tokens = text.split()
    if not tokens:
        return text
    for _ in range(rng.randint(1, 2)):
        op = rng.randrange(4)
        i = rng.randrange(len(tokens))
        if op == 0:
            tokens[i] = typo(tokens[i], rng)
        elif op == 1 and len(tokens) > 1 and i + 1 < len(tokens):
            tokens[i : i + 2] = [tokens[i] + tokens[i + 1].lower()]
        elif op == 2 and len(tokens[i]) > 4:
            tokens[i] = tokens[i] + rng.choice(("en", "e", "s", "n", "ung"))
        else:
            tokens = [t.lower() for t in tokens]
    return " ".join(tokens)


def wrap(text: str, rng: random.Random) -> str:
    return rng.choice(_TEMPLATES).format(x=text)


def catalogue_phrases(
    key: str,
    name: str,
    citizen_name: str,
    description: str,
    synonyms: Sequence[str],
    rng: random.Random,
) -> list[Phrase]:
    """Training texts for one service: its own words alone, combined, and perturbed."""
    own = [name, citizen_name, *synonyms]
    out = [Phrase(t, key, 2.0) for t in own if t]
    out += [Phrase(s, key, 0.5) for s in sentences(description)]
    out.append(Phrase(f"{name}. {citizen_name}. {description}", key, 1.0))
    for _ in range(max(4, len(own))):
        a, b = rng.sample(own, 2) if len(own) > 1 else (own[0], own[0])
        out.append(Phrase(wrap(f"{a} {b}", rng), key, 1.0))
    for text in own:
        out.append(Phrase(wrap(perturb(text, rng), rng), key, 1.0))
    return out
