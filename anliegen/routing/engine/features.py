"""Text → sparse TF-IDF vector: stemmed words and word pairs, plus character n-grams.

Words carry meaning; character n-grams of each word (3–5, with word boundaries) carry the
rest: typos ("latterne"), inflection the stemmer misses, and parts of compounds. Compounds are
also split explicitly into parts that the catalogue knows ("sperrmuellabholung" →
"sperrmuell" + "abholung"), so "Sperrmüllabholung" and "Sperrmüll abholen" share words.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy import sparse

from . import world as world_knowledge
from .lexicon import GLOSSES, STOPWORDS
from .normalize import stem, words

CHAR_NGRAMS = (3, 4, 5)
WORD_SHARE = 0.6  # of the vector's squared norm; the rest goes to character n-grams
_WORD_SHARE = math.sqrt(WORD_SHARE)
_CHAR_SHARE = math.sqrt(1.0 - WORD_SHARE)
MAX_WORDS = 200  # content words per text; bounds latency for very long mails
_LINKS = ("", "s", "es", "n", "en", "e")  # German linking elements (Fugen-s, -n, …)
MIN_PART = 4
# An unknown word with a street-name ending is an address ("Bahnhofstraße", "Löhrstr"): it
# tells where, not what, so it becomes the bare "strasse" instead of its misleading parts.
_STREET_ENDINGS = ("strasse", "str", "gasse", "allee", "weg", "platz", "ring", "damm")
_UMLAUTS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
# An unknown word reaches catalogue words through its Wiktionary definition (engine.world) or,
# failing that, through the head of the compound it is ("Spielplatzschaukel" → "Schaukel"):
# these features count WORLD_WEIGHT times the word's own weight. Realistic dev set (1132 texts,
# office top-1 / top-3, calibrated model, 2026-12-02): 0 → 84.4 / 95.0 %, 0.3 → 84.2 / 95.1 %,
# 0.6 → 84.1 / 95.1 % — no gain, so they are off; the map still tells the calibrator which
# words are unfamiliar (calibrate.signals: share reached only through world knowledge).
WORLD_WEIGHT = 0.0
MIN_HEAD = 4  # shortest compound head looked up
# Words right after a preposition of place ("vor dem Kindergarten", "am Rheinufer", "near the
# station") usually say where the concern is, not what it is: they count PLACE_WEIGHT times.
# "auf" and "bei" are left out: "Antrag auf Wohngeld", "Hilfe bei der Pflege" name the concern;
# so are "in" and "im": "Müll im Wald", "Schimmel in der Wohnung" say what kind of place is
# affected, which is part of the concern.
# Dev protocol (5-fold CV on the train split): 1.0 → 80.5 / 92.6 %, 0.4 → 81.8 / 92.9 %.
PLACE_WEIGHT = 0.4
PLACE_WORDS = 2  # content words after the preposition that are weakened
_PLACE_PREPOSITIONS = frozenset(
    ("am", "an", "vor", "vorm", "hinter", "neben", "gegenueber", "zwischen", "nahe",
     "entlang", "at", "near", "behind", "outside",
     # address phrases of real reports: "Höhe Nr. 12", "Ecke Goethestraße", "ggü. Apotheke"
     "hoehe", "ecke", "ggue", "richtung", "unterhalb", "oberhalb")
)  # fmt: skip
_ARTICLES = frozenset(
    ("der", "die", "das", "dem", "den", "des", "ein", "eine", "einem", "einer", "eines", "the", "a")
)  # fmt: skip
# Separable verb prefixes: "abgeschleppt" is "ab" + "ge" + "schlepp" + "t" (→ "abschleppen").
_PARTICLES = (
    "", "ab", "an", "auf", "aus", "durch", "ein", "fest", "frei", "kaputt", "los", "mit",
    "nach", "um", "vor", "weg", "zu", "zurueck", "zusammen",
)  # fmt: skip


@dataclass(frozen=True)
class Analysis:
    """Features of one text, and which surface word produced each feature (for explanations)."""

    counts: dict[str, float]
    sources: dict[str, set[str]]
    content: list[str]


def place_words(names: Iterable[str]) -> frozenset[str]:
    """Folded words of district and street names and their adjectives ("Metternicher Straße",
    "Rauentaler"), except short ones ("Lay", "Süd") and function words."""
    found = {w for name in names for w in words(name) if len(w) >= 5 and w not in STOPWORDS}
    return frozenset(
        found | {w + "er" for w in found} | {w[:-1] + "er" for w in found if w.endswith("e")}
    )


@dataclass
class Featurizer:
    vocab: dict[str, int] = field(default_factory=dict)
    idf: npt.NDArray[np.float32] = field(default_factory=lambda: np.zeros(0, np.float32))
    known: frozenset[str] = frozenset()  # folded surface words seen in training
    stems: frozenset[str] = frozenset()  # their stems, for compound splitting
    # stem of a word the catalogue lacks → stems of catalogue words it stands for (world.py)
    world: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # folded words of the city's district and street names (catalogue data): they say where,
    # never what, so they are left out of the features altogether
    places: frozenset[str] = frozenset()
    _deletions: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _cache: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _idf: list[float] = field(default_factory=list, repr=False)  # idf as Python floats

    # -- fitting ---------------------------------------------------------------------------
    @classmethod
    def fit(cls, texts: Sequence[str], places: Iterable[str] = ()) -> Featurizer:
        return cls.fit_matrix(texts, places)[0]

    @classmethod
    def fit_matrix(
        cls, texts: Sequence[str], places: Iterable[str] = ()
    ) -> tuple[Featurizer, sparse.csr_matrix]:
        """The featurizer and the matrix of ``texts``: each text is analysed once."""
        known = {w for t in texts for w in words(t) if w not in STOPWORDS and len(w) > 1}
        feat = cls(
            known=frozenset(known),
            stems=frozenset(stem(w) for w in known),
            places=place_words(places),
        )
        feat.world = world_knowledge.build(feat.reach)
        analysed = [feat.analyze(text).counts for text in texts]
        df: Counter[str] = Counter()
        for counts in analysed:
            df.update(counts.keys())
        names = sorted(df)
        feat.vocab = {name: i for i, name in enumerate(names)}
        n = len(texts)
        feat.idf = np.array(
            [math.log((1 + n) / (1 + df[name])) + 1.0 for name in names], dtype=np.float32
        )
        return feat, feat.counts_matrix(analysed)

    def prepare(self) -> None:
        """Build the typo index (one deletion away), kept out of the stored model."""
        index: dict[str, list[str]] = {}
        for word in sorted(self.known):
            if len(word) >= 5:
                for i in range(len(word)):
                    index.setdefault(word[:i] + word[i + 1 :], []).append(word)
        self._deletions = index
        self._cache = {}

    # -- analysis ----------------------------------------------------------------------------
    def _split(self, word: str, depth: int = 2) -> list[str]:
        """Known parts of a compound, best-balanced split first; [] if none."""
        best: tuple[int, list[str]] | None = None
        for i in range(MIN_PART, len(word) - MIN_PART + 1):
            head, tail = word[:i], word[i:]
            if stem(tail) not in self.stems:
                continue
            for link in _LINKS:
                base = head[: len(head) - len(link)] if link else head
                if len(base) >= MIN_PART and head.endswith(link) and stem(base) in self.stems:
                    score = min(len(base), len(tail))
                    if best is None or score > best[0]:
                        best = (score, [base, tail])
                    break
        if best is None:
            return []
        parts = best[1]
        if depth > 1:
            parts = [q for p in parts for q in (self._split(p, depth - 1) or [p])]
        return parts

    def _correct(self, word: str) -> str | None:
        """A known word one edit away (insertion, deletion, substitution), if any."""
        if len(word) < 5 or not self._deletions:
            return None
        found: set[str] = set()
        found.update(self._deletions.get(word, ()))
        for i in range(len(word)):
            variant = word[:i] + word[i + 1 :]
            if variant in self.known:
                found.add(variant)
            found.update(self._deletions.get(variant, ()))
        return min(found, key=lambda w: (abs(len(w) - len(word)), w)) if found else None

    def _is_street(self, word: str) -> bool:
        return (
            word not in self.known
            and word.endswith(_STREET_ENDINGS)
            and len(word) > 7
            and stem(word) not in self.stems
        )

    def _plural(self, word: str) -> str | None:
        """Umlaut plurals: "papierkoerbe" → "papierkorbe" when the catalogue knows "papierkorb"."""
        for umlaut, plain in _UMLAUTS:
            i = word.rfind(umlaut)
            if i > 0:
                candidate = word[:i] + plain + word[i + 2 :]
                if stem(candidate) in self.stems:
                    return candidate
        return None

    def _participle(self, word: str) -> list[str]:
        """Infinitive of a past participle when the catalogue knows it ("geklaut" → "klauen")."""
        for particle in _PARTICLES:
            if not word.startswith(particle + "ge") or word.endswith("ung"):
                continue
            core = word[len(particle) + 2 :]
            for suffix in ("t", "et", "en", "n"):
                base = core[: -len(suffix)]
                if core.endswith(suffix) and len(base) >= 3:
                    verb = particle + base + ("n" if base.endswith("e") else "en")
                    if verb != word and stem(verb) in self.stems:
                        return [verb]
        return []

    def reach(self, word: str) -> tuple[str, ...]:
        """Stems of catalogue words a folded word reaches without typo correction: itself,
        its umlaut-plain plural, its compound parts (head first), their glosses."""
        if stem(word) in self.stems:
            forms = [word]
        else:
            plural = self._plural(word)
            forms = [plural] if plural else self._split(word)[::-1] if len(word) >= 8 else []
        forms += [g for f in list(forms) for g in GLOSSES.get(f, "").split()]
        return tuple(dict.fromkeys(stem(f) for f in forms if stem(f) in self.stems))

    def world_stems(self, word: str) -> tuple[str, ...]:
        """What an unknown word stands for: its definition's catalogue words, or else its
        compound head (if the catalogue knows it) or the head's definition."""
        found = self.world.get(stem(word))
        if found:
            return found
        for i in range(3, len(word) - MIN_HEAD + 1):
            head = stem(word[i:])
            if head in self.stems:
                return (head,)
            found = self.world.get(head)
            if found:
                return found
        return ()

    def expand(self, word: str) -> tuple[str, ...]:
        """The word and what it stands for: typo fix, compound parts, glosses (all folded)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        if self._is_street(word):
            return ("strasse",)
        out = [word]
        if word not in self.known and word not in GLOSSES:
            fixed = self._plural(word) or self._correct(word)
            if fixed:
                out.append(fixed)
        base = out[-1]
        out.extend(self._participle(base))
        if len(base) >= 2 * MIN_PART:
            out.extend(self._split(base))
        for w in list(out):
            out.extend(GLOSSES.get(w, "").split())
        result = tuple(dict.fromkeys(out))
        if len(self._cache) < 50_000:
            self._cache[word] = result
        return result

    def _word_features(self, word: str) -> tuple[str, ...]:
        """Word-stem and character n-gram features of one word and its expansions."""
        key = "\x00" + word
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        out: list[str] = []
        for form in self.expand(word):
            out.append("w:" + stem(form))
            padded = f" {form} "
            out.extend(
                "c:" + padded[i : i + n] for n in CHAR_NGRAMS for i in range(len(padded) - n + 1)
            )
        result = tuple(out)
        if len(self._cache) < 50_000:
            self._cache[key] = result
        return result

    def world_features(self, word: str) -> tuple[str, ...]:
        """World-knowledge word features of a word none of whose forms the catalogue knows."""
        key = "\x01" + word
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        result: tuple[str, ...] = ()
        if self.world or self.stems:
            forms = self.expand(word)
            if not any(stem(f) in self.stems for f in forms):
                result = tuple("w:" + s for s in self.world_stems(word))
        if len(self._cache) < 50_000:
            self._cache[key] = result
        return result

    def _content(self, text: str) -> list[tuple[str, float]]:
        """Content words with their weight: PLACE_WEIGHT right after a preposition of place."""
        out: list[tuple[str, float]] = []
        pending = 0  # content words still to weaken after a preposition of place
        for w in words(text):
            if w in _PLACE_PREPOSITIONS:
                pending = PLACE_WORDS
            elif w in STOPWORDS or len(w) <= 1:
                if w not in _ARTICLES:
                    pending = 0
            elif w in self.places:
                continue
            else:
                out.append((w, PLACE_WEIGHT if pending else 1.0))
                pending = max(0, pending - 1)
                if len(out) >= MAX_WORDS:
                    break
        return out

    def analyze(self, text: str) -> Analysis:
        counts: dict[str, float] = {}
        sources: dict[str, set[str]] = {}
        content = self._content(text)
        previous: str | None = None
        for word, weight in content:
            features = self._word_features(word)
            head = features[0][2:]
            if previous is not None:
                features = (*features, f"b:{previous}_{head}")
            previous = head
            for feature in features:
                counts[feature] = counts.get(feature, 0.0) + weight
                sources.setdefault(feature, set()).add(word)
            for feature in self.world_features(word) if WORLD_WEIGHT else ():
                counts[feature] = counts.get(feature, 0.0) + weight * WORLD_WEIGHT
                sources.setdefault(feature, set()).add(word)
        return Analysis(counts, sources, [w for w, _ in content])

    # -- vectors -----------------------------------------------------------------------------
    def weigh(self, counts: dict[str, float]) -> tuple[list[int], list[float]]:
        """Sublinear TF-IDF, word and character blocks normalised separately, then mixed.

        A count below one (a weakened place word) is used as it is.
        """
        idf = self._idf
        if len(idf) != len(self.idf):  # plain floats: indexing a numpy array is slow
            idf = self._idf = [float(v) for v in self.idf]
        vocab = self.vocab
        char_i: list[int] = []
        char_v: list[float] = []
        word_i: list[int] = []
        word_v: list[float] = []
        for name, count in counts.items():
            j = vocab.get(name)
            if j is not None:
                tf = 1.0 + math.log(count) if count >= 1.0 else count
                if name.startswith("c:"):
                    char_i.append(j)
                    char_v.append(tf * idf[j])
                else:
                    word_i.append(j)
                    word_v.append(tf * idf[j])
        out_v: list[float] = []
        for val, share in ((char_v, _CHAR_SHARE), (word_v, _WORD_SHARE)):
            norm = math.sqrt(sum(v * v for v in val)) or 1.0
            factor = share / norm
            out_v.extend(v * factor for v in val)
        return char_i + word_i, out_v

    def matrix(self, texts: Iterable[str]) -> sparse.csr_matrix:
        return self.counts_matrix(self.analyze(text).counts for text in texts)

    def counts_matrix(self, analysed: Iterable[dict[str, float]]) -> sparse.csr_matrix:
        """Rows of weighed feature counts (``Analysis.counts``)."""
        indptr, indices, data = [0], [], []
        for counts in analysed:
            idx, val = self.weigh(counts)
            indices.extend(idx)
            data.extend(val)
            indptr.append(len(indices))
        shape = (len(indptr) - 1, len(self.vocab))
        return sparse.csr_matrix(
            (np.array(data, np.float32), np.array(indices, np.int32), np.array(indptr)),
            shape=shape,
        )
