"""A strict Content-Security-Policy for every response: scripts, styles, fonts and images
only from our own origin (map tiles also from MAP_TILE_URL's origin), no inline code, no
framing. A few lines instead of a dependency; pages that need more must move their code into
static files, not loosen this."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def tile_origin(tile_url: str) -> str:
    """The origin of a map tile URL template, for img-src: "https://{s}.tile.example/{z}/…"
    → "https://*.tile.example"; "" when there is no (valid https/http) template."""
    parts = urlsplit(tile_url.replace("{s}", "subdomain-placeholder"))
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        return ""
    host = parts.hostname.replace("subdomain-placeholder", "*")
    if "{" in host or "}" in host:
        return ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


@lru_cache(maxsize=4)
def policy(tile_url: str = "") -> str:
    origin = tile_origin(tile_url)
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            # Map tiles are the one thing from elsewhere, and only from the configured origin.
            f"img-src 'self' data: {origin}".strip(),
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
        ]
    )


POLICY = policy()


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", policy(settings.MAP_TILE_URL))
        return response
