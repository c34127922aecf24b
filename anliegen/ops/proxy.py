"""Client address behind a reverse proxy.

Behind nginx every request comes from 127.0.0.1, so the portal's per-address rate limit
would lump all citizens together. When the direct peer is one of TRUSTED_PROXIES, the address
the proxy wrote into X-Forwarded-For (nginx: ``proxy_set_header X-Forwarded-For
$remote_addr``, one value) becomes REMOTE_ADDR. From any other peer the header is ignored,
since clients can send it themselves.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


class TrustedProxyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.trusted = frozenset(settings.TRUSTED_PROXIES)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self.trusted and request.META.get("REMOTE_ADDR") in self.trusted:
            forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
            # The proxy's own entry is the last one; earlier ones came from the client.
            client = forwarded.split(",")[-1].strip()
            if _valid(client):
                request.META["REMOTE_ADDR"] = client
        return self.get_response(request)
