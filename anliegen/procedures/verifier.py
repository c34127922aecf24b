"""The verifier of a procedure (postal code, date of birth or a PIN), stored as a keyed hash.

Why HMAC and not a slow password hash: these values have little entropy (100,000 postal codes,
some 40,000 birth dates), so a slow hash of a leaked table is still brute-forced in minutes; a
key the database does not hold (derived from SECRET_KEY) is what protects them there, and the
per-address rate limit of /sachstand/ protects them online. Checking always does the same work,
whether a procedure exists or not (``matches`` with ``None``), so the time of an answer does
not tell whether an Aktenzeichen exists.
"""

from __future__ import annotations

import datetime
import hmac
import re
import secrets

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from anliegen.core.errors import ValidationFailed

from .models import VerifierKind

KEY_SALT = "anliegen.procedures.verifier"
# Compared with when there is no procedure (or no verifier): same work, never equal.
_NO_HASH = "v1$" + "0" * 32 + "$" + "0" * 64


def normalise(kind: str, value: str) -> str:
    """The form in which a verifier is hashed; what a citizen may type in several ways."""
    value = value.strip()
    if kind == VerifierKind.POSTAL_CODE:
        return re.sub(r"\s", "", value)
    if kind == VerifierKind.BIRTH_DATE:
        return _iso_date(value) or value
    return re.sub(r"[\s\-]", "", value).upper()


def _iso_date(value: str) -> str | None:
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def validate(kind: str, value: str) -> str:
    """Normalised value, or a clear German message why the staff/bridge input is not usable."""
    value = normalise(kind, value)
    if kind == VerifierKind.POSTAL_CODE and not re.fullmatch(r"\d{5}", value):
        raise ValidationFailed(_("Die Postleitzahl muss fünf Ziffern haben."))
    if kind == VerifierKind.BIRTH_DATE and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValidationFailed(_("Bitte geben Sie das Geburtsdatum als TT.MM.JJJJ an."))
    if kind == VerifierKind.PIN and not re.fullmatch(r"[0-9A-Z]{4,32}", value):
        raise ValidationFailed(_("Die PIN muss 4 bis 32 Buchstaben oder Ziffern haben."))
    if kind not in VerifierKind.values or not kind:
        raise ValidationFailed(_("Unbekannte Art der Prüfangabe."))
    return value


def _digest(salt: str, kind: str, value: str) -> str:
    return salted_hmac(KEY_SALT, f"{salt}\n{kind}\n{value}", algorithm="sha256").hexdigest()


def make(kind: str, value: str) -> str:
    """Hash for storing; ``value`` must be validated already."""
    salt = secrets.token_hex(16)
    return f"v1${salt}${_digest(salt, kind, value)}"


def matches(kind: str, value: str, stored: str | None) -> bool:
    """Constant work: one HMAC and one comparison, also when ``stored`` is empty or None."""
    usable = bool(stored) and stored is not None and stored.count("$") == 2
    _, salt, expected = (stored if usable and stored else _NO_HASH).split("$")
    actual = _digest(salt, kind or VerifierKind.PIN, normalise(kind, value))
    return hmac.compare_digest(actual, expected) and usable and bool(value.strip())


INQUIRY_KINDS = (VerifierKind.POSTAL_CODE, VerifierKind.BIRTH_DATE, VerifierKind.PIN)


def inquiry_hashes(value: str) -> tuple[str, dict[str, str]]:
    """What a citizen typed with a status inquiry, hashed once per kind: the procedure that
    arrives later decides which kind counts. Nothing typed: no hashes, never a match."""
    salt = secrets.token_hex(16)
    if not value.strip():
        return salt, {}
    return salt, {str(k): _digest(salt, str(k), normalise(k, value)) for k in INQUIRY_KINDS}


def inquiry_matches(salt: str, hashes: dict[str, str], kind: str, value: str) -> bool:
    """Does the verifier of a procedure (``kind``/``value``, validated) match the inquiry's?"""
    expected = hashes.get(kind, "")
    actual = _digest(salt, kind, normalise(kind, value))
    return bool(expected) and hmac.compare_digest(actual, expected)
