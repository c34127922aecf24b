"""Bearer authentication with API keys, rate limiting per key, and the write scope."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.errors import Throttled, ValidationError
from ninja.security import HttpBearer

from anliegen.core.errors import PermissionDenied

from .tokens import Client, authenticate, over_rate_limit


class ApiKey(HttpBearer):
    """``Authorization: Bearer anl_…``; the request is counted against the key's limit."""

    def authenticate(self, request: HttpRequest, token: str) -> Client | None:
        # Every operation passes here first: refuse a query with a nameless parameter
        # ("?=x") instead of silently ignoring what the client meant to send.
        if "" in request.GET:
            raise ValidationError([{"loc": ["query"], "msg": "parameter without a name"}])
        client = authenticate(token)
        if client is None:
            return None
        wait = over_rate_limit(client.token)
        if wait is not None:
            raise Throttled(wait)
        return client


def client_of(request: HttpRequest) -> Client:
    client = request.auth  # type: ignore[attr-defined]
    assert isinstance(client, Client)
    return client


def writer(request: HttpRequest) -> Client:
    """The caller, if its key may write; else a 403 problem."""
    client = client_of(request)
    if not client.can_write:
        raise PermissionDenied(_("Dieser API-Schlüssel darf nur lesen."))
    return client
