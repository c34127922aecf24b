"""Tracking links cannot be guessed (256-bit tokens), but each try costs a request: a client
address that opened too many unknown links in an hour gets a 429 page for the rest of it,
also for a valid link, so that a hit does not reward the guessing (issue 19, finding 11)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

from .spam import client_address


def _key(request: HttpRequest) -> str:
    hour = timezone.now().strftime("%Y%m%d%H")
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"portal:guess:{address}:{hour}"


def guessing(request: HttpRequest) -> bool:
    """Has this client address used up the hour's unknown links?"""
    return bool(cache.get(_key(request), 0) >= settings.PORTAL_TRACKING_GUESSES_PER_HOUR)


def count_unknown_link(request: HttpRequest) -> None:
    key = _key(request)
    if cache.add(key, 1, 3600):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 3600)
