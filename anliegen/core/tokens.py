"""Secret links: random tokens handed out once, only their hash is stored.

A citizen's tracking token is not random itself but derived from a random per-ticket nonce
with a key from SECRET_KEY. The database then holds only the nonce and the token's hash: a
mail waiting to be sent keeps a placeholder, and the sending job derives the link again.
Whoever reads the database (an administrator, a backup) cannot open a ticket without the
deployment's secret key."""

import base64
import hashlib
import hmac
import secrets
from collections.abc import Iterator

from django.conf import settings
from django.utils.crypto import salted_hmac

TRACKING_SALT = "anliegen.tickets.tracking-link"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_nonce() -> str:
    return secrets.token_hex(32)


def derive_token(nonce: str, secret: str | None = None) -> str:
    """The tracking token of ``nonce`` (43 URL-safe characters, like ``new_token()``)."""
    digest = salted_hmac(TRACKING_SALT, nonce, secret=secret, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def derived_tokens(nonce: str) -> Iterator[str]:
    """The token under the current key first, then under each fallback key (key rotation)."""
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        yield derive_token(nonce, secret)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_token(token), stored_hash)
