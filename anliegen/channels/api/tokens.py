"""API keys: issue (shown once), check (constant time), and the actor a key acts as."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone

from anliegen.core.tokens import hash_token, token_matches
from anliegen.organization.models import OrgUnit, User
from anliegen.organization.units import descendant_ids
from anliegen.tickets.actors import Actor

from .models import ApiToken

KEY_PREFIX = "anl"


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # the full key, "anl_<prefix>_<random>"; never stored


@dataclass(frozen=True)
class Client:
    """An authenticated API caller."""

    token: ApiToken
    actor: Actor

    @property
    def can_write(self) -> bool:
        return self.token.can_write


def issue_token(
    name: str,
    offices: Iterable[OrgUnit],
    *,
    can_write: bool = False,
    rate_limit_per_minute: int = 120,
    created_by: User | None = None,
) -> IssuedToken:
    token = ApiToken(
        name=name,
        can_write=can_write,
        rate_limit_per_minute=rate_limit_per_minute,
        created_by=created_by,
    )
    secret = new_secret(token)
    token.save()
    token.offices.set(list(offices))
    return IssuedToken(token, secret)


def new_secret(token: ApiToken) -> str:
    """Give ``token`` a fresh prefix and secret (not yet saved); returns the full key."""
    token.prefix = secrets.token_hex(4)
    secret = f"{KEY_PREFIX}_{token.prefix}_{secrets.token_urlsafe(32)}"
    token.token_hash = hash_token(secret)
    return secret


def authenticate(raw: str) -> Client | None:
    """The client behind key ``raw``, or None for unknown, revoked or malformed keys."""
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or len(raw) > 200:
        return None
    token = ApiToken.objects.filter(prefix=parts[1], is_active=True).first()
    if token is None or not token_matches(raw.strip(), token.token_hash):
        return None
    # Updating on every call would turn reads into writes; once a minute is enough.
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return Client(token, actor_for(token))


def actor_for(token: ApiToken) -> Actor:
    roots = set(token.offices.values_list("pk", flat=True))
    return Actor.scoped_system(f"api:{token.name}", frozenset(descendant_ids(roots)))


def over_rate_limit(token: ApiToken) -> int | None:
    """Count one request; seconds to wait if the key exceeded its limit in this minute."""
    window = int(timezone.now().timestamp()) // 60
    key = f"api:rate:{token.pk}:{window}"
    cache.add(key, 0, 90)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr: start the window again
        cache.set(key, 1, 90)
        count = 1
    if count > token.rate_limit_per_minute:
        return 60 - int(timezone.now().timestamp()) % 60
    return None
