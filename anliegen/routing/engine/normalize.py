"""From raw citizen text to folded words: e-mail clean-up, spelling folding, light stemming."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Everything after these lines is quoted history, a forwarded header or a signature.
_CUT_LINE = re.compile(
    r"^\s*(?:"
    r"(?:am|on)\s.{0,200}(?:schrieb|wrote)\b.*"
    r"|-{2,}\s*(?:urspr\S*\s+nachricht|original\s+message|weitergeleitete\s+nachricht)\s*-*"
    r"|von:\s.+|from:\s.+"
    r"|--\s*|_{5,}"
    r"|(?:mit\s+)?(?:freundlich\w*|beste\w*|viele\w*|liebe\w*|herzlich\w*|sonnige\w*)\s+gr(?:ü|ue|u)(?:ß|ss)\w*.*"
    r"|(?:mfg|lg|vg|gruß|gruss|grüße|grüsse|danke und gruß)\b[\s,.!]*"
    r"|(?:best|kind|warm)\s+regards\b.*|regards,?|cheers,?"
    r"|gesendet\s+(?:von|mit)\s.*|sent\s+from\s.*"
    r")\s*$",
    re.IGNORECASE,
)
_NOISE = re.compile(
    r"https?://\S+|www\.\S+"  # links
    r"|\S+@\S+"  # e-mail addresses
    r"|[\w/-]*\d[\w/-]*"  # any token with a digit: dates, file and house numbers
    r"|\+\d[\d\s/().-]{5,}\d",  # international phone numbers with spaces
)
# German road numbers name the road's class, which decides who maintains it: "B 9" is a
# Bundesstraße, "L52" a Landesstraße, "K12" a Kreisstraße, "A61" an Autobahn. Without this the
# digit rule below would drop them. Not after a hyphen, so licence plates ("KO-L 123") stay out;
# Autobahns need two digits, so paper sizes ("A4") stay out; lower case only written together.
_ROAD = re.compile(r"(?<![\w-])(?:A\s?\d{2,3}|[BKL]\s?\d{1,3}|[bkl]\d{1,3})(?![\w.,:/-]?\d)\b")
_ROAD_CLASS = {
    "a": " autobahn ",
    "b": " bundesstrasse ",
    "k": " kreisstrasse ",
    "l": " landesstrasse ",
}
# A house number with its marker ("Hausnummer 27", "Haus Nr. 5", "Hausnr. 9", "Nr. 70") is an
# address: it says where, never what ("Hausnummer" alone is also a concern: its allocation).
_HOUSE_NUMBER = re.compile(
    r"\b(?:haus\s*(?:nummer|nr\.?)|hausnr\.?|nr\.?|hnr\.?)\s*\d+\s*[a-z]?\b", re.IGNORECASE
)
_WORD = re.compile(r"[a-z]+")
_FOLD = str.maketrans({"ß": "ss", "ä": "ae", "ö": "oe", "ü": "ue", "æ": "ae", "œ": "oe"})
MAX_CHARS = 3000  # concerns are stated early; the rest of a long mail costs time, not accuracy


def strip_mail(text: str) -> str:
    """Drop quoted lines, quoted history, forwarded headers and signatures.

    Cut only at a marker that follows some content, so a message that *starts* with
    "Von: …" (a forwarded mail) or is only a greeting is not emptied.
    """
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.lstrip().startswith(">"):
            continue
        if _CUT_LINE.match(line) and any(k.strip() for k in kept):
            break
        kept.append(line)
    return "\n".join(kept)


def fold(text: str) -> str:
    """Lower case, ß→ss, umlauts→ae/oe/ue, other accents dropped (é→e)."""
    text = text.lower().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Folded words of a cleaned message, in order (stop words still included)."""
    cleaned = _HOUSE_NUMBER.sub(" ", strip_mail(text)[:MAX_CHARS])
    cleaned = _ROAD.sub(lambda m: _ROAD_CLASS[m.group(0)[0].lower()], cleaned)
    cleaned = _NOISE.sub(" ", cleaned)
    return _WORD.findall(fold(cleaned))


# Pure and called millions of times in training (every word, compound part and Wiktionary
# headword): the cache makes repeats a dictionary look-up. Bounded, so a server's memory is too.
@lru_cache(maxsize=262_144)
def stem(word: str) -> str:
    """A light German suffix stripper in the spirit of CISTEM (Weissweiler & Fraser 2017).

    It removes inflection (-e, -en, -er, -em, -es, -n, -s) and the nominalisation -ung, so
    "Abholung" and "abholen" meet at "abhol". Over-stemming is
    harmless here: both the catalogue and the query are stemmed the same way.
    """
    if len(word) <= 4:
        return word
    if word.endswith("ing") and len(word) > 6:  # English gerunds in mixed texts
        word = word[:-3]
    # At most two steps, so a compound's head stems like the simple word
    # ("strassenlaterne" and "laternen" both end in "later").
    for _ in range(2):
        if len(word) > 6 and word.endswith("ung"):
            word = word[:-3]
        elif len(word) > 5 and word.endswith(("em", "er", "en", "es", "nd")):
            word = word[:-2]
        elif len(word) > 4 and word[-1] in "esn":
            word = word[:-1]
        else:
            break
    return word
