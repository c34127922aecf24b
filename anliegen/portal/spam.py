"""Spam protection without third parties: ALTCHA proof of work (the browser spends a moment
of CPU), a sum for people without JavaScript, and a rate limit per client address."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from altcha.v1 import ChallengeOptions, create_challenge
from altcha.v1 import verify_solution as verify_solution_v1
from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

MAX_NUMBER = 100_000  # about a second of hashing in a phone's browser
CHALLENGE_MINUTES = 30
RATE_LIMIT = 10  # submissions per client address and hour
SESSION_SUM = "portal_spam_sum"


def _hmac_key() -> str:
    # Derived, so that the ALTCHA key differs from the key that signs sessions.
    return hashlib.sha256(f"altcha:{settings.SECRET_KEY}".encode()).hexdigest()


def new_challenge() -> dict[str, object]:
    expires = timezone.now() + datetime.timedelta(minutes=CHALLENGE_MINUTES)
    challenge = create_challenge(
        ChallengeOptions(hmac_key=_hmac_key(), max_number=MAX_NUMBER, expires=expires)
    )
    return {
        "algorithm": challenge.algorithm,
        "challenge": challenge.challenge,
        "maxnumber": challenge.max_number,
        "salt": challenge.salt,
        "signature": challenge.signature,
    }


def new_sum(session: SessionBase) -> tuple[int, int]:
    """A small sum for the no-JavaScript way; the answer stays in the server-side session."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    session[SESSION_SUM] = a + b
    return a, b


def passed(session: SessionBase, payload: str, answer: str, submission: str = "") -> bool:
    """True if the proof of work verifies (once) or the sum is right (once).

    A solved challenge is good for one submission only: the same draft (``submission``, its
    key) may present it again, so that a double click does not fail the check."""
    if payload:
        ok, _error = verify_solution_v1(payload, _hmac_key(), check_expires=True)
        used = f"portal:altcha:{hashlib.sha256(payload.encode()).hexdigest()}"
        owner = hashlib.sha256(f"draft:{submission}".encode()).hexdigest()
        if ok and (
            cache.add(used, owner, CHALLENGE_MINUTES * 60)
            or (submission and cache.get(used) == owner)
        ):
            return True
    expected = session.pop(SESSION_SUM, None)
    return expected is not None and answer.strip() == str(expected)


def client_address(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a proxy rewrites it, and a
    # deployment behind a proxy sets REMOTE_ADDR from it in the proxy configuration.
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def _rate_key(request: HttpRequest) -> str:
    hour = timezone.now().strftime("%Y%m%d%H")
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"portal:rate:{address}:{hour}"


def rate_limited(request: HttpRequest) -> bool:
    count = cache.get(_rate_key(request), 0)
    return bool(count >= getattr(settings, "PORTAL_RATE_LIMIT", RATE_LIMIT))


def count_submission(request: HttpRequest) -> None:
    key = _rate_key(request)
    if not cache.add(key, 1, 3600):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, 3600)
